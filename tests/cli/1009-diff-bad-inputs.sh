# Unreadable inputs: a clear one-line error naming the file, exit 2, and
# no output file.
OK=tests/fixtures/diff/old.xml
for bad in "$TMP/missing.xml" tests/fixtures/diff/empty.xml \
	tests/fixtures/diff/truncated.xml tests/fixtures/diff/not-a-benchmark.xml \
	tests/fixtures/diff tests/cli/1009-diff-bad-inputs.sh; do
	"$STIGDIFF" diff -o "$TMP/out.txt" "$OK" "$bad" > "$TMP/log" 2>&1
	echo "exit=$?"
	sed "s|$TMP|TMP|" "$TMP/log"
	[ -e "$TMP/out.txt" ] && echo "out.txt written"
done
"$STIGDIFF" diff tests/fixtures/diff/truncated.xml "$OK"
echo "exit=$?"
"$STIGDIFF" notes -o "$TMP/notes.md" "$OK" "$TMP/missing.xml" > "$TMP/log" 2>&1
echo "exit=$?"
sed "s|$TMP|TMP|" "$TMP/log"
rm "$TMP/log"
ls "$TMP"
