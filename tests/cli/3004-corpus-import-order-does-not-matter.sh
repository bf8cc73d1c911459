# Releases imported newest first, one at a time, give the same history
# (same commit ids, date order) as one import of everything in order:
# the chain after an older release is rebuilt.
X=corpus/xccdf
$STIGDIFF corpus init "$TMP/inorder" >/dev/null
$STIGDIFF corpus import -C "$TMP/inorder" $X >/dev/null
$STIGDIFF corpus init "$TMP/reverse" >/dev/null
for f in $(ls $X/*.xml | sort -r); do
	$STIGDIFF corpus import -C "$TMP/reverse" "$f" >/dev/null || echo "failed: $f"
done
# Two more orders: the middle release of a chain last, and all at once
# from a list given newest first.
$STIGDIFF corpus init "$TMP/middle" >/dev/null
$STIGDIFF corpus import -C "$TMP/middle" $X/*2016_Edge*V2R2* $X/*2016_Edge*V2R6* $X/*2016_Edge*V2R4*
$STIGDIFF corpus import -C "$TMP/middle" $X/*2016_Edge*V2R3* $X/*2016_Edge*V2R5*
$STIGDIFF corpus import -C "$TMP/middle" $(ls $X/*.xml | sort -r) | tail -n 1
git -C "$TMP/inorder" for-each-ref > "$TMP/refs.inorder"
for c in reverse middle; do
	git -C "$TMP/$c" for-each-ref > "$TMP/refs.$c"
	if cmp -s "$TMP/refs.inorder" "$TMP/refs.$c"; then
		echo "$c: same refs as the in-order import"
	else
		echo "$c: refs differ"
		diff "$TMP/refs.inorder" "$TMP/refs.$c"
	fi
	git -C "$TMP/$c" fsck --no-dangling && echo "$c: fsck clean"
done
git -C "$TMP/reverse" log --format=%s ms-exchange-2016-edge-transport-server
