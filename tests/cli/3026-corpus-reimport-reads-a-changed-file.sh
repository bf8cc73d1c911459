# A re-import takes what a document gave the last time its bytes were
# read (the corpus records documents by length and digest), so a file
# changed in place must be read again: other content under the same
# name, even of the same length, is a re-publication, not "unchanged".
# A record naming a tree the object database lost (git gc prunes trees
# no ref holds) is not used: the file is read again and recorded anew.
# A document that gave a warning is read, and warns, every time.
L=tests/fixtures/library
run() { "$STIGDIFF" "$@" > "$TMP/out" 2>&1; rc=$?; sed "s|$TMP/||g; s|$L/||g" "$TMP/out"; echo "exit=$rc"; }
mkdir "$TMP/in"
cp $L/iis10-site-V2R10-a.xml "$TMP/in/site.xml"
$STIGDIFF corpus init "$TMP/c" >/dev/null
run corpus import -C "$TMP/c" "$TMP/in"
run corpus import -C "$TMP/c" "$TMP/in"
echo "--- the same bytes under another name"
cp "$TMP/in/site.xml" "$TMP/copy.xml"
run corpus import -C "$TMP/c" "$TMP/copy.xml"
echo "--- changed in place, same length (one letter of a rule title)"
sed 's/session state must be enabled/session state must be Enabled/' $L/iis10-site-V2R10-a.xml > "$TMP/in/site.xml"
cmp -s $L/iis10-site-V2R10-a.xml "$TMP/in/site.xml" && echo "BUG: nothing changed"
[ "$(wc -c < "$TMP/in/site.xml")" -eq "$(wc -c < $L/iis10-site-V2R10-a.xml)" ] && echo "same length"
run corpus import -C "$TMP/c" "$TMP/in" | cut -c1-100
echo "--- changed in place, other content"
cp $L/iis10-site-V2R10-b.xml "$TMP/in/site.xml"
run corpus import -C "$TMP/c" "$TMP/in" | cut -c1-100
echo "--- records naming a tree that is gone (read again: the one of in/site.xml is replaced)"
K="$TMP/c/stigdiff/known.tsv"
sed -i '2,$s/^\([^\t]*\t[^\t]*\t[^\t]*\t\)[0-9a-f]*/\10000000000000000000000000000000000000000/' "$K"
echo "records naming a lost tree: $(grep -c '	0000000000000000000000000000000000000000	' "$K") of $(($(wc -l < "$K") - 1))"
run corpus import -C "$TMP/c" "$TMP/in"
echo "records naming a lost tree: $(grep -c '	0000000000000000000000000000000000000000	' "$K") of $(($(wc -l < "$K") - 1))"
echo "--- a document that warns"
$STIGDIFF corpus init "$TMP/w" >/dev/null
run corpus import -C "$TMP/w" $L/word2010-V1R11-cp1252.xml | grep -c 'not UTF-8'
run corpus import -C "$TMP/w" $L/word2010-V1R11-cp1252.xml
