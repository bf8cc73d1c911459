# Each CCI's definition, status, type, date and NIST SP 800-53 references
# (rev 5, then rev 4; 800-53 rev 3 and 800-53A are not shown). An unknown
# id is an error line and exit 1; the others are still printed.
"$STIGDIFF" cci CCI-002418 cci-000002 CCI-999999 CCI-000001; echo "exit=$?"
"$STIGDIFF" cci --nist-rev 4 CCI-000003; echo "exit=$?"
"$STIGDIFF" cci --format json --nist-rev 5 CCI-000068 CCI-999999; echo "exit=$?"
# Another list with --cci: only what it holds.
"$STIGDIFF" cci --cci tests/fixtures/cci/two-items.xml CCI-000213 CCI-000068; echo "exit=$?"
