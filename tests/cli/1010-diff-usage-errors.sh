# Usage errors: exit 2 with a hint.
OLD=tests/fixtures/diff/old.xml NEW=tests/fixtures/diff/new.xml
"$STIGDIFF" diff "$OLD"; echo "exit=$?"
"$STIGDIFF" diff --format yaml "$OLD" "$NEW"; echo "exit=$?"
"$STIGDIFF" diff --only changd "$OLD" "$NEW"; echo "exit=$?"
"$STIGDIFF" diff --fields chek "$OLD" "$NEW" > "$TMP/o" 2>&1; echo "exit=$?"; cut -c1-60 "$TMP/o"
"$STIGDIFF" diff --color sometimes "$OLD" "$NEW"; echo "exit=$?"
"$STIGDIFF" diff --consecutive --format csv corpus/xccdf; echo "exit=$?"
"$STIGDIFF" notes --format text "$OLD" "$NEW"; echo "exit=$?"
