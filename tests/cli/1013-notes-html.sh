# HTML release notes to a file: one self-contained page (nothing fetched),
# the word diff inline as <del> and <ins>.
"$STIGDIFF" notes --format html -o "$TMP/notes.html" tests/fixtures/diff/old.xml tests/fixtures/diff/new.xml > "$TMP/o" 2>&1
echo "exit=$?"
sed "s|$TMP|TMP|" "$TMP/o"
head -c 15 "$TMP/notes.html"; echo
tail -c 8 "$TMP/notes.html"
grep -o '<h2>[^<]*</h2>\|<h3>[^<]*</h3>\|<h4>\([^<]\|<[^/]\|</[^h]\|</h[^4]\)*</h4>' "$TMP/notes.html" | sed 's/<[^>]*>//g'
grep -o '<ins>[^<]*</ins>\|<del>[^<]*</del>' "$TMP/notes.html"
grep -c 'src=\|href=\|@import\|url(' "$TMP/notes.html"
grep -o '@media print' "$TMP/notes.html"
# An existing file is refused without --force.
"$STIGDIFF" notes --format html -o "$TMP/notes.html" tests/fixtures/diff/old.xml tests/fixtures/diff/new.xml > "$TMP/o" 2>&1
echo "exit=$?"
sed "s|$TMP|TMP|" "$TMP/o"
