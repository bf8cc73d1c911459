# DISA re-issued IIS 10.0 Site V2R10 with one rule changed: both files are
# kept, as two revisions of V2R10 in date (then content) order, with a
# warning naming what differs; the tag V2R10 is the latest; any import
# order gives the same refs. Reading either file again changes nothing.
L=tests/fixtures/library
run() { "$STIGDIFF" "$@" > "$TMP/out" 2>&1; rc=$?; sed "s|$L/||g" "$TMP/out"; echo "exit=$rc"; }
$STIGDIFF corpus init "$TMP/a" >/dev/null
run corpus import -C "$TMP/a" $L/iis10-site-V2R10-a.xml
run corpus import -C "$TMP/a" $L/iis10-site-V2R10-b.xml
run corpus import -C "$TMP/a" $L/iis10-site-V2R10-a.xml $L/iis10-site-V2R10-b.xml
$STIGDIFF corpus init "$TMP/b" >/dev/null
$STIGDIFF corpus import -C "$TMP/b" $L/iis10-site-V2R10-b.xml $L/iis10-site-V2R10-a.xml 2>/dev/null | tail -n 1
git -C "$TMP/a" for-each-ref > "$TMP/refs.a"
git -C "$TMP/b" for-each-ref > "$TMP/refs.b"
cmp -s "$TMP/refs.a" "$TMP/refs.b" && echo "same refs in either order"
$STIGDIFF corpus list -C "$TMP/a" iis-10-0-site
$STIGDIFF corpus diff -C "$TMP/a" iis-10-0-site@V2R10-rev1 iis-10-0-site@V2R10 | head -n 3
