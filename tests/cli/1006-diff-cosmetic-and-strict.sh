# A cosmetic-only difference is listed but not counted; --strict counts it.
OLD=tests/fixtures/diff/old.xml NEW=tests/fixtures/diff/new.xml
"$STIGDIFF" diff --only cosmetic "$OLD" "$NEW"
echo "exit=$?"
"$STIGDIFF" diff --strict --only changed --fields fix "$OLD" "$NEW"
echo "exit=$?"
