# One CSV row per rule, quoted where a field holds a comma.
"$STIGDIFF" diff --format csv tests/fixtures/diff/old.xml tests/fixtures/diff/new.xml
echo "exit=$?"
