#!/bin/sh
# Fault tests (issue 19): what stigdiff does when its inputs are not files,
# when the disk is full, when it is killed, and when two imports race.
#
#   sh tests/faults.sh STIGDIFF SECTION [TRIALS [SEED]]
#
# SECTION: inputs | disk | kill | lock | all. `make faults` runs all with
# 20 kill -9 trials each for import, link and site; the golden cases
# tests/cli/0014, 0015, 3023 and 3024 run each section short (make
# test). Output: one line per check that holds (counts, no timings: the golden cases compare
# it), "FAIL ..." lines for what does not, and the exit status 1 when any
# check failed. Needs git; the disk section a tmpfs (`mount -t tmpfs`, so
# root): where mounting is not permitted it prints a SKIP line (exit 77
# when it was the only section asked for). Run from the repository root.
S=$1
section=${2:-all}
trials=${3:-2}
seed=${4:-19}
[ -x "$S" ] || { echo "usage: sh tests/faults.sh STIGDIFF SECTION [TRIALS [SEED]]" >&2; exit 2; }
case $S in /*) ;; *) S=$PWD/$S ;; esac
X=$PWD/corpus/xccdf
FX=$PWD/tests/fixtures
# The kill trials' releases: all the embedded ones for a full run, the
# Exchange 2016 and 2019 Edge ones (8) for a short one.
if [ "$trials" -ge 10 ]; then
	KX=$X
else
	KX="$X/U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R* $X/U_MS_Exchange_2019_Edge_Server_STIG_V*"
fi
T=$(mktemp -d /tmp/sd-faults-XXXXXX)
chmod 755 "$T"
failed=0
mounted=
cleanup() {
	[ -n "$mounted" ] && umount "$mounted" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
	echo "FAIL $*"
	failed=1
}

# Does the file $1 hold exactly one line, starting "error: ", naming $2?
one_line() {
	[ "$(wc -l < "$1")" -eq 1 ] && grep -q '^error: ' "$1" &&
		grep -qF -- "$2" "$1"
}

# The $n-th of $trials moments of a run that took $ns nanoseconds, in
# seconds: spread over the run, jittered by the seed (reproducible).
moment() {
	awk -v n="$1" -v t="$trials" -v ns="$2" -v seed="$seed" 'BEGIN {
		srand(seed * 1000 + n);
		printf "%.4f\n", ns / 1e9 * 0.9 * ((n - 1) + rand()) / t }'
}

now() { date +%s%N; }

# complete WHAT DIR STEP [PATH...]: corpus DIR, left by a failed or killed
# corpus STEP (import PATH... or link), is fsck clean, the next STEP
# completes it, and no temporary file is left.
complete() {
	c_what=$1 c_dir=$2 c_step=$3
	shift 3
	git -C "$c_dir" fsck --strict --no-dangling > "$T/fsck" 2>&1 ||
		fail "$c_what: fsck: $(cat "$T/fsck")"
	if [ "$c_step" = import ]; then
		"$S" corpus import -C "$c_dir" "$@" > /dev/null 2> "$T/err"
	else
		"$S" corpus link -C "$c_dir" > /dev/null 2> "$T/err"
	fi || fail "$c_what: the next $c_step: $(cat "$T/err")"
	git -C "$c_dir" count-objects -v | grep -qx 'garbage: 0' ||
		fail "$c_what: temporary files left"
	[ -z "$(find "$c_dir" -name '.*.tmp-*')" ] ||
		fail "$c_what: left $(find "$c_dir" -name '.*.tmp-*')"
}

# Everything under directory $1 (paths and contents) as one listing.
tree_of() {
	(cd "$1" && find . -type f -exec cksum {} + | LC_ALL=C sort -k 3)
}

# ---- inputs that are not files ----
inputs() {
	G=$X/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml
	CKL=$FX/checklist/all-possible-results.cklb
	mkdir -p "$T/in/dir.xml" "$T/in/c"
	mkfifo "$T/in/fifo.xml"
	printf 'x' > "$T/in/unreadable.xml"
	chmod 000 "$T/in/unreadable.xml"
	"$S" corpus init "$T/in/c" > /dev/null
	# Who reads the file: as root, permissions would not stop us.
	asuser=
	if [ "$(id -u)" = 0 ]; then
		if command -v setpriv > /dev/null; then
			asuser="setpriv --reuid=65534 --regid=65534 --clear-groups"
			chmod 777 "$T/in" "$T/in/c" "$T/in/c/stigdiff"
			chmod -R a+rwX "$T/in/c"
		else
			echo "SKIP unreadable files: root and no setpriv"
		fi
	fi
	n=0
	for kind in fifo.xml dir.xml unreadable.xml; do
		P=$T/in/$kind
		[ $kind = unreadable.xml ] && [ "$(id -u)" = 0 ] && [ -z "$asuser" ] && continue
		run=
		[ $kind = unreadable.xml ] && run=$asuser
		# One command per line: the argument list, P standing for the input.
		while read -r cmd; do
			[ -n "$cmd" ] || continue
			# shellcheck disable=SC2086
			set -- $(echo "$cmd" | sed "s|P|$P|g; s|GOOD|$G|g; s|CKL|$CKL|g; s|CORPUS|$T/in/c|g; s|OUT|$T/in/out|g")
			(cd "$T" && timeout 20 $run "$S" "$@" > "$T/out" 2> "$T/err")
			rc=$?
			n=$((n + 1))
			if [ $rc -eq 124 ]; then
				fail "inputs: '$cmd' on $kind: still running after 20 s"
			elif [ $rc -eq 0 ] || [ $rc -gt 2 ] || ! one_line "$T/err" "$kind"; then
				fail "inputs: '$cmd' on $kind: exit $rc, stderr:"
				sed 's/^/    /' "$T/err"
			fi
			rm -f "$T/in/out"
		done <<EOF
normalize P
unpack P
diff P GOOD
diff GOOD P
notes P GOOD
map P GOOD
controls P
checklist stats P
checklist check P
checklist convert --format ckl -o OUT P
migrate P --to GOOD -o OUT
migrate CKL --to P -o OUT
cci --cci P CCI-000001
lineage --in GOOD --curated P V-259642
corpus import -C CORPUS P
corpus import -C CORPUS --curated P
EOF
	done
	echo "inputs: $n runs (a FIFO, a directory named .xml, an unreadable file): each one error line, none waits"
}

# ---- a full disk ----
disk() {
	F=$T/full
	mkdir -p "$F"
	if ! mount -t tmpfs -o size=1m tmpfs "$F" 2> /dev/null; then
		echo "SKIP: full disk: cannot mount a tmpfs here"
		[ "$section" = disk ] && exit 77
		return
	fi
	mounted=$F
	A=$X/U_MS_Exchange_2019_Edge_Server_STIG_V2R1_Manual-xccdf.xml
	B=$X/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml
	SMALL=$FX/xccdf/exch19-edge-3rules-xccdf.xml
	CKL=$FX/checklist/all-possible-results.cklb
	"$S" checklist new -o "$T/old.ckl" "$A" > /dev/null
	"$S" corpus init "$T/disk-c" > /dev/null
	"$S" corpus import -C "$T/disk-c" "$SMALL" > /dev/null
	"$S" corpus link -C "$T/disk-c" > /dev/null
	# fill FREE: the filler leaves FREE KiB of the tmpfs.
	fill() {
		rm -rf "${F:?}"/* "$F"/.[!.]* 2> /dev/null
		dd if=/dev/zero of="$F/filler" bs=4k 2> /dev/null
		[ "$1" -gt 0 ] && truncate -s "-$1K" "$F/filler"
	}
	# left: what the disk holds besides the filler.
	left() { (cd "$F" && find . -mindepth 1 ! -name filler | LC_ALL=C sort); }
	n=0
	for free in 0 64; do
		while read -r cmd; do
			[ -n "$cmd" ] || continue
			# What the command writes where there is room.
			rm -rf "$T/ref" && mkdir "$T/ref"
			# shellcheck disable=SC2086
			set -- $(echo "$cmd" | sed "s|FORMER|$T/old.ckl|g; s|GOOD|$B|g; s|OLD|$A|g; s|SMALL|$SMALL|g; s|CKL|$CKL|g; s|CORPUS|$T/disk-c|g; s|OUT|$T/ref/out|g; s|FULL|$T/ref|g; s|XDIR|$X|g")
			"$S" "$@" > /dev/null 2>&1
			fill $free
			# shellcheck disable=SC2086
			set -- $(echo "$cmd" | sed "s|FORMER|$T/old.ckl|g; s|GOOD|$B|g; s|OLD|$A|g; s|SMALL|$SMALL|g; s|CKL|$CKL|g; s|CORPUS|$T/disk-c|g; s|OUT|$F/out|g; s|FULL|$F|g; s|XDIR|$X|g")
			"$S" "$@" > "$T/out" 2> "$T/err"
			rc=$?
			n=$((n + 1))
			rm -f "$F/filler"
			if [ $rc -le 1 ]; then
				# It fitted: then all of it.
				diff -r "$T/ref" "$F" > /dev/null ||
					fail "disk ($free KiB free): '$cmd': exit $rc and not the whole output"
				continue
			fi
			if [ $rc -ne 2 ] || ! one_line "$T/err" "No space left on device"; then
				fail "disk ($free KiB free): '$cmd': exit $rc, stderr:"
				sed 's/^/    /' "$T/err"
			fi
			if [ -n "$(left)" ]; then
				fail "disk ($free KiB free): '$cmd' left files:"
				left | sed 's/^/    /'
			fi
		done <<EOF
normalize -o OUT XDIR
unpack -o FULL XDIR
diff -o OUT --format xml OLD GOOD
notes --format html -o OUT OLD GOOD
map -o OUT --format json OLD GOOD
lineage --in XDIR -o OUT --format json V-259642
controls -o OUT GOOD
checklist new -o OUT GOOD
checklist convert --format ckl -o OUT CKL
migrate FORMER --to GOOD -o OUT --report OUT.md
export -C CORPUS --format rdfxml -o OUT
EOF
	done
	echo "disk: $n writers on a full disk (0 and 64 KiB free): each one error line naming ENOSPC, nothing left"

	# The corpus: init leaves nothing; import and link leave the corpus
	# as it was (same refs, fsck clean, no temporary file), and complete
	# once there is room.
	fill 0
	"$S" corpus init "$F/c" > "$T/out" 2> "$T/err"
	rc=$?
	{ [ $rc -eq 2 ] && one_line "$T/err" "No space left on device"; } ||
		fail "disk: corpus init: exit $rc: $(cat "$T/err")"
	[ -z "$(left)" ] || fail "disk: corpus init left $(left | tr '\n' ' ')"
	CAS=$FX/normalize/exchange-2010-cas-v1r9.xml
	for free in 0 48; do
		for step in import link; do
			rm -rf "${F:?}"/* 2> /dev/null
			"$S" corpus init "$F/c" > /dev/null
			"$S" corpus import -C "$F/c" "$SMALL" > /dev/null
			[ $step = link ] && "$S" corpus import -C "$F/c" "$CAS" > /dev/null
			git -C "$F/c" for-each-ref > "$T/refs"
			dd if=/dev/zero of="$F/filler" bs=4k 2> /dev/null
			[ $free -gt 0 ] && truncate -s "-${free}K" "$F/filler"
			if [ $step = import ]; then
				"$S" corpus import -C "$F/c" "$CAS" > "$T/out" 2> "$T/err"
			else
				"$S" corpus link -C "$F/c" > "$T/out" 2> "$T/err"
			fi
			rc=$?
			rm "$F/filler"
			if [ $rc -ne 0 ]; then
				# Release lines printed first did not land:
				# the error line says so.
				{ [ $rc -eq 2 ] && one_line "$T/err" "No space left on device" &&
					{ [ ! -s "$T/out" ] ||
					  grep -q '^error: nothing imported: ' "$T/err"; }; } ||
					fail "disk ($free KiB free): corpus $step: exit $rc: $(cat "$T/err" "$T/out")"
				git -C "$F/c" for-each-ref | cmp -s - "$T/refs" ||
					fail "disk ($free KiB free): corpus $step moved refs"
			fi
			complete "disk ($free KiB free): corpus $step" "$F/c" $step "$CAS"
		done
	done
	echo "disk: corpus init, import and link on a full disk: one error line, the corpus as it was, completed once there is room"

	# The site: one line, then the next run (room made) completes it to
	# the pages of a run that never failed.
	"$S" site -C "$T/disk-c" -o "$T/site-want" > /dev/null
	tree_of "$T/site-want" > "$T/want"
	for free in 0 24 96; do
		fill $free
		"$S" site -C "$T/disk-c" -o "$F/site" > "$T/out" 2> "$T/err"
		rc=$?
		{ [ $rc -eq 2 ] && one_line "$T/err" "No space left on device"; } ||
			fail "disk ($free KiB free): site: exit $rc: $(cat "$T/err")"
		[ -z "$(find "$F" -name '.*.tmp-*')" ] ||
			fail "disk ($free KiB free): site left temporary files"
		rm "$F/filler"
		"$S" site -C "$T/disk-c" -o "$F/site" > /dev/null 2> "$T/err" ||
			fail "disk ($free KiB free): the next site run: $(cat "$T/err")"
		tree_of "$F/site" | cmp -s - "$T/want" ||
			fail "disk ($free KiB free): the next site run gave other pages"
	done
	echo "disk: site on a full disk (0, 24, 96 KiB free): one error line; the next run completes the same site"
	umount "$F" && mounted=
}

# ---- kill -9 at random moments ----
kill_trials() {
	what=$1 # import | link | site
	K=$T/kill
	rm -rf "$K"
	mkdir -p "$K"
	# The state before and the run, for each kind of trial.
	"$S" corpus init "$K/base" > /dev/null
	case $what in
	import)
		"$S" corpus import -C "$K/base" $X/*2019_Edge*V2R2* > /dev/null
		# shellcheck disable=SC2086
		set -- $KX ;;
	link|site)
		# shellcheck disable=SC2086
		"$S" corpus import -C "$K/base" $KX > /dev/null
		[ $what = site ] && "$S" corpus link -C "$K/base" > /dev/null
		set -- ;;
	esac
	cp -r "$K/base" "$K/want"
	start=$(now)
	case $what in
	import) "$S" corpus import -C "$K/want" "$@" > /dev/null ;;
	link) "$S" corpus link -C "$K/want" > /dev/null ;;
	site) "$S" site -C "$K/base" -o "$K/want-site" > /dev/null ;;
	esac
	ns=$(( $(now) - start ))
	# Timed once more, warm, into a scratch copy: the moments spread over
	# the shorter run, so that few trials land after the run has ended.
	rm -rf "$K/again"
	[ $what = site ] || cp -r "$K/base" "$K/again"
	start=$(now)
	case $what in
	import) "$S" corpus import -C "$K/again" "$@" > /dev/null ;;
	link) "$S" corpus link -C "$K/again" > /dev/null ;;
	site) "$S" site -C "$K/base" -o "$K/again" > /dev/null ;;
	esac
	again=$(( $(now) - start ))
	[ $again -lt $ns ] && ns=$again
	rm -rf "$K/again"
	if [ $what = site ]; then
		tree_of "$K/want-site" > "$K/want.tree"
	else
		git -C "$K/want" for-each-ref > "$K/want.refs"
	fi
	killed=0 finished=0 journal=0
	i=1
	while [ $i -le "$trials" ]; do
		rm -rf "$K/c" "$K/site"
		[ $what = site ] || cp -r "$K/base" "$K/c"
		case $what in
		import) "$S" corpus import -C "$K/c" "$@" > /dev/null 2>&1 & ;;
		link) "$S" corpus link -C "$K/c" > /dev/null 2>&1 & ;;
		site) "$S" site -C "$K/base" -o "$K/site" > /dev/null 2>&1 & ;;
		esac
		pid=$!
		sleep "$(moment $i $ns)"
		if kill -9 $pid 2> /dev/null; then
			killed=$((killed + 1))
		else
			finished=$((finished + 1))
		fi
		wait $pid 2> /dev/null
		if [ $what = site ]; then
			"$S" site -C "$K/base" -o "$K/site" > /dev/null 2> "$K/err" ||
				fail "kill $what #$i: the next run: $(cat "$K/err")"
			tree_of "$K/site" | cmp -s - "$K/want.tree" ||
				fail "kill $what #$i: the next run gave other files"
		else
			[ -e "$K/c/stigdiff/journal" ] && journal=$((journal + 1))
			complete "kill $what #$i" "$K/c" $what "$@"
			git -C "$K/c" for-each-ref | cmp -s - "$K/want.refs" ||
				fail "kill $what #$i: refs differ from an uninterrupted run"
		fi
		i=$((i + 1))
	done
	if [ $what = site ]; then
		echo "kill: site killed at $trials moments: the next run completed it to the same files"
	else
		echo "kill: corpus $what killed at $trials moments: fsck clean, the next run completed it to the same refs"
	fi
	# The figures (vary with the machine's speed): on stderr.
	echo "kill $what: $killed killed, $finished finished first, $journal with a journal pending (run $((ns / 1000000)) ms, seed $seed)" >&2
}

# The checkpoints of corpus link (SD_TEST_CORPUS_KILL_AT; test 3005 does
# those of import): each leaves a corpus the next link completes.
link_checkpoints() {
	K=$T/kcp
	rm -rf "$K"
	"$S" corpus init "$K/base" > /dev/null
	# shellcheck disable=SC2086
	"$S" corpus import -C "$K/base" $KX > /dev/null
	cp -r "$K/base" "$K/want"
	"$S" corpus link -C "$K/want" > /dev/null
	git -C "$K/want" for-each-ref > "$K/want.refs"
	n=1
	while :; do
		rm -rf "$K/c"
		cp -r "$K/base" "$K/c"
		SD_TEST_CORPUS_KILL_AT=$n "$S" corpus link -C "$K/c" > /dev/null 2>&1
		[ $? -eq 137 ] || break
		complete "link checkpoint $n" "$K/c" link
		git -C "$K/c" for-each-ref | cmp -s - "$K/want.refs" ||
			fail "link checkpoint $n: refs differ"
		n=$((n + 1))
	done
	echo "kill: corpus link killed at each of its $((n - 1)) checkpoints: fsck clean, completed to the same refs"
}

# ---- two imports at once ----
lock() {
	L=$T/lock
	"$S" corpus init "$L" > /dev/null
	ino=$(stat -c %i "$L/stigdiff/lock" 2> /dev/null || echo none)
	[ "$ino" = none ] && : > "$L/stigdiff/lock" && ino=$(stat -c %i "$L/stigdiff/lock")
	# shellcheck disable=SC2086
	"$S" corpus import -C "$L" $X > "$T/a" 2>&1 &
	a=$!
	# The others start once the first holds the lock (the kernel's
	# table of locks names the file's inode).
	i=0
	while ! grep -q ":$ino " /proc/locks 2> /dev/null &&
		kill -0 $a 2> /dev/null && [ $i -lt 500 ]; do
		sleep 0.01
		i=$((i + 1))
	done
	held=0
	grep -q ":$ino " /proc/locks 2> /dev/null && held=1
	[ $held = 1 ] || echo "lock: the first import ended before the others started" >&2
	# shellcheck disable=SC2086
	"$S" corpus import -C "$L" --no-wait $X > "$T/b" 2>&1
	rcb=$?
	# shellcheck disable=SC2086
	"$S" corpus import -C "$L" $X > "$T/c" 2>&1
	rcc=$?
	wait $a
	rca=$?
	[ $rca -eq 0 ] && [ $rcc -eq 0 ] || fail "lock: exits $rca and $rcc"
	if [ $held = 1 ]; then
		{ [ $rcb -eq 2 ] && [ "$(wc -l < "$T/b")" -eq 1 ] &&
			grep -q '^error: ' "$T/b"; } ||
			fail "lock: --no-wait: exit $rcb: $(cat "$T/b")"
		grep -q 'waiting' "$T/c" ||
			fail "lock: the second import did not say it waits: $(cat "$T/c")"
	fi
	grep -q '^nothing new' "$T/c" || fail "lock: the waiting import: $(cat "$T/c")"
	echo "lock: an import while another runs waits, saying so, then finds everything present; with --no-wait it fails with one line"
}

case $section in
inputs) inputs ;;
disk) disk ;;
kill) kill_trials import; kill_trials link; link_checkpoints
	kill_trials site ;;
lock) lock ;;
all) inputs; disk; kill_trials import; kill_trials link
	link_checkpoints; kill_trials site; lock ;;
*) echo "unknown section '$section'" >&2; exit 2 ;;
esac
exit $failed
