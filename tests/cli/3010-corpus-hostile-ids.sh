# Ids DISA never shipped cannot escape the benchmark directory, collide
# with the metadata file or the snapshot branch, or break the rule file
# format: the corpus stays valid and every rule reads back.
F=tests/fixtures/corpus/hostile-ids-xccdf.xml
$STIGDIFF corpus init "$TMP/c" >/dev/null
$STIGDIFF corpus import -C "$TMP/c" $F; echo "exit=$?"
git -C "$TMP/c" fsck --strict --no-dangling && echo "fsck clean"
git -C "$TMP/c" for-each-ref --format='%(refname)'
git -C "$TMP/c" ls-tree -r --name-only main
$STIGDIFF corpus show -C "$TMP/c" main-benchmark:V-259577 | sed -n '/^\[title\]/,/^$/p'
$STIGDIFF normalize $F > "$TMP/a.xml" 2>/dev/null
$STIGDIFF corpus show -C "$TMP/c" Main --format xml > "$TMP/b.xml"
# The same rules: only the benchmark's source differs.
diff "$TMP/a.xml" "$TMP/b.xml" | grep '^[<>]' | grep -v '<source>'
echo "rules compared"
