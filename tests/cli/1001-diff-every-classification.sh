# The fixture pair holds one rule of each classification; text output.
"$STIGDIFF" diff tests/fixtures/diff/old.xml tests/fixtures/diff/new.xml
echo "exit=$?"
