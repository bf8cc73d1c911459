# Usage errors and CCI lists that cannot be read: exit 2, one line naming
# the file (and line); an entity declaration is refused.
"$STIGDIFF" cci; echo "exit=$?"
"$STIGDIFF" cci --format yaml CCI-000001; echo "exit=$?"
"$STIGDIFF" cci --nist-rev 3 CCI-000001; echo "exit=$?"
"$STIGDIFF" cci --cci tests/fixtures/cci/malformed.xml CCI-000001; echo "exit=$?"
"$STIGDIFF" cci --cci tests/fixtures/cci/xxe.xml CCI-000001; echo "exit=$?"
"$STIGDIFF" cci --cci tests/fixtures/xccdf/exch19-edge-3rules-xccdf.xml CCI-000001; echo "exit=$?"
"$STIGDIFF" cci --cci tests/fixtures/missing.xml CCI-000001; echo "exit=$?"
"$STIGDIFF" controls --cci tests/fixtures/cci/xxe.xml tests/fixtures/xccdf/exch19-edge-3rules-xccdf.xml; echo "exit=$?"
"$STIGDIFF" controls --nist-rev all tests/fixtures/xccdf/exch19-edge-3rules-xccdf.xml; echo "exit=$?"
"$STIGDIFF" controls; echo "exit=$?"
