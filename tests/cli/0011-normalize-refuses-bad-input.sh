# Unreadable input: exit 2, one line naming the file, nothing on stdout.
"$STIGDIFF" normalize tests/fixtures/xml/xxe.xml; echo "exit=$?"
"$STIGDIFF" normalize tests/fixtures/xml/mismatched-tag.xml; echo "exit=$?"
"$STIGDIFF" normalize tests/fixtures/missing.xml; echo "exit=$?"
"$STIGDIFF" normalize tests/fixtures/xml/not-a-benchmark.xml; echo "exit=$?"
"$STIGDIFF" normalize --format yaml tests/fixtures/xccdf; echo "exit=$?"
# Warnings do not stop the document; an existing -o FILE is not replaced.
"$STIGDIFF" normalize -o "$TMP/x.xml" tests/fixtures/xml/warnings.xml; echo "exit=$?"
"$STIGDIFF" normalize -o "$TMP/x.xml" tests/fixtures/xml/warnings.xml 2> "$TMP/err"; echo "exit=$?"
sed "s|$TMP|TMP|" "$TMP/err"
