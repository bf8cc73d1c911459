# An import killed (SIGKILL) at each of its checkpoints (objects written,
# each commit, the pack, the journal, each ref, the journal removed)
# leaves a corpus `git fsck` finds valid (exit 0, nothing broken or
# missing; a half-written temporary pack is at most a warning), and the
# next import completes it and removes temporaries: the
# refs end up those of an import never interrupted. The import killed
# here inserts older releases under an existing one (history rebuilt)
# and adds a new benchmark.
X=corpus/xccdf
set -- $X/*2019_Edge*V1R1* $X/*2019_Edge*V2R1* $X/*2013_CAS_STIG_V1R1*
$STIGDIFF corpus init "$TMP/base" >/dev/null
$STIGDIFF corpus import -C "$TMP/base" $X/*2019_Edge*V2R2* >/dev/null
git -C "$TMP/base" for-each-ref > "$TMP/base.refs"
cp -r "$TMP/base" "$TMP/want"
$STIGDIFF corpus import -C "$TMP/want" "$@" >/dev/null
git -C "$TMP/want" for-each-ref > "$TMP/want.refs"
check() { # check WHAT WANT PATH...: on the corpus $TMP/c
	what=$1 want=$2
	shift 2
	git -C "$TMP/c" fsck --strict --no-dangling > "$TMP/fsck" 2>&1 ||
		{ echo "$what: fsck failed"; cat "$TMP/fsck"; }
	grep -Ei 'error|missing|broken|corrupt|dangling' "$TMP/fsck"
	$STIGDIFF corpus import -C "$TMP/c" "$@" > "$TMP/next" 2>&1 ||
		{ echo "$what: next import failed"; cat "$TMP/next"; }
	git -C "$TMP/c" for-each-ref | cmp -s - "$want" ||
		echo "$what: refs differ after the next import"
	[ -e "$TMP/c/stigdiff/journal" ] && echo "$what: journal left"
	git -C "$TMP/c" count-objects -v | grep -qx 'garbage: 0' ||
		echo "$what: temporary files left after the next import"
	$STIGDIFF corpus search -C "$TMP/c" send connectors encryption \
		> "$TMP/found"
	[ -s "$TMP/found" ] || echo "$what: search finds nothing"
}
n=1
pending=
while :; do
	rm -rf "$TMP/c"
	cp -r "$TMP/base" "$TMP/c"
	SD_TEST_CORPUS_KILL_AT=$n $STIGDIFF corpus import -C "$TMP/c" "$@" >/dev/null 2>&1
	rc=$?
	[ $rc -eq 137 ] || break
	# Refs are updated last: without a journal, either none moved or
	# all did (the journal is removed after the last one).
	if [ -e "$TMP/c/stigdiff/journal" ]; then
		pending="$pending $n"
	else
		git -C "$TMP/c" for-each-ref > "$TMP/now"
		cmp -s "$TMP/now" "$TMP/base.refs" || cmp -s "$TMP/now" "$TMP/want.refs" ||
			echo "checkpoint $n: refs moved outside the journal"
	fi
	check "checkpoint $n" "$TMP/want.refs" "$@"
	n=$((n + 1))
done
echo "killed at checkpoints 1..$((n - 1)); unkilled import exit=$rc"
echo "a journal was pending at checkpoints$pending"
git -C "$TMP/c" for-each-ref | cmp -s - "$TMP/want.refs" && echo "same refs"
# The same with kill -9 from outside at moments spread over a whole
# import of the embedded data (timed first on this machine).
$STIGDIFF corpus init "$TMP/full" >/dev/null
s=$(date +%s%N)
$STIGDIFF corpus import -C "$TMP/full" $X >/dev/null
e=$(date +%s%N)
git -C "$TMP/full" for-each-ref > "$TMP/full.refs"
for pct in 20 50 80 90 95 98; do
	rm -rf "$TMP/c"
	$STIGDIFF corpus init "$TMP/c" >/dev/null
	$STIGDIFF corpus import -C "$TMP/c" $X >/dev/null 2>&1 &
	pid=$!
	sleep "$(echo "($e - $s) * $pct / 100 / 1000000000" | bc -l)"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	check "kill -9 at ${pct}%" "$TMP/full.refs" $X
done
echo "kill -9 at moments across an import: checked"
