# --only lists some statuses (counts still cover all; the exit status
# follows what is listed); --fields restricts what counts.
OLD=tests/fixtures/diff/old.xml NEW=tests/fixtures/diff/new.xml
"$STIGDIFF" diff --only added,removed "$OLD" "$NEW"
echo "exit=$?"
"$STIGDIFF" diff --only unchanged "$OLD" "$NEW"
echo "exit=$?"
"$STIGDIFF" diff --fields check "$OLD" "$NEW"
echo "exit=$?"
"$STIGDIFF" diff --fields severity,ccis --only changed "$OLD" "$NEW"
echo "exit=$?"
