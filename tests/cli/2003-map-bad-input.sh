# Bad input: a missing file, a file that is not XML, a benchmark with no
# rules, empty text, and usage errors.
F=tests/fixtures/match
"$STIGDIFF" map $F/nonexistent.xml $F/zero-rules.xml
echo "exit=$?"
printf 'not xml at all\n' > "$TMP/junk.xml"
"$STIGDIFF" map $F/zero-rules.xml "$TMP/junk.xml" 2>"$TMP/err"
echo "exit=$?"
sed "s|$TMP|TMP|" "$TMP/err"
"$STIGDIFF" map $F/zero-rules.xml $F/zero-rules.xml
echo "exit=$?"
"$STIGDIFF" map $F/empty-text-old.xml $F/empty-text-new.xml 2>/dev/null
echo "exit=$?"
"$STIGDIFF" map $F/zero-rules.xml
echo "exit=$?"
"$STIGDIFF" map --threshold 2 $F/zero-rules.xml $F/zero-rules.xml
echo "exit=$?"
"$STIGDIFF" map --curated $F/nonexistent.tsv $F/zero-rules.xml $F/zero-rules.xml
echo "exit=$?"
