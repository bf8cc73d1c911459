# --color always: red deletions, green insertions, no bracket markers
# (escapes shown as <code>).
"$STIGDIFF" diff --color always --only changed --fields check,fix tests/fixtures/diff/old.xml tests/fixtures/diff/new.xml > "$TMP/o"
echo "exit=$?"
sed 's/\x1b\[\([0-9;]*\)m/<\1>/g' "$TMP/o"
"$STIGDIFF" diff --color always --only changed tests/fixtures/diff/new.xml tests/fixtures/diff/old.xml 2>/dev/null | sed 's/\x1b\[\([0-9;]*\)m/<\1>/g' | grep -F '<31>'
# auto: no colour when standard output is not a terminal.
"$STIGDIFF" diff --only changed tests/fixtures/diff/old.xml tests/fixtures/diff/new.xml | grep -c "$(printf '\033')"
