# Counts per STIG by status and severity, as JSON, for a .cklb.
"$STIGDIFF" checklist stats --format json tests/fixtures/checklist/all-possible-results.cklb
echo "exit=$?"
