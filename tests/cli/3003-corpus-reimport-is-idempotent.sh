# Importing releases already present creates nothing and says so: same
# refs, not one new object, and the duplicate releases the shared zips
# hold (same content as corpus/xccdf) are "unchanged".
$STIGDIFF corpus init "$TMP/c" >/dev/null
$STIGDIFF corpus import -C "$TMP/c" corpus/ >/dev/null
git -C "$TMP/c" for-each-ref > "$TMP/refs1"
find "$TMP/c/objects" -type f | sort > "$TMP/objs1"
$STIGDIFF corpus import -C "$TMP/c" corpus/xccdf/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml corpus/reconstructed; echo "exit=$?"
$STIGDIFF corpus import -C "$TMP/c" corpus/ | tail -n 1; echo "exit=$?"
git -C "$TMP/c" for-each-ref > "$TMP/refs2"
find "$TMP/c/objects" -type f | sort > "$TMP/objs2"
cmp "$TMP/refs1" "$TMP/refs2" && echo "refs unchanged"
cmp "$TMP/objs1" "$TMP/objs2" && echo "no new objects"
