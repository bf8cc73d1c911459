# Markdown release notes of a renumbering release (Exchange 2013 CAS).
"$STIGDIFF" notes corpus/xccdf/U_MS_Exchange_2013_CAS_STIG_V1R3_Manual-xccdf.xml \
	corpus/xccdf/U_MS_Exchange_2013_CAS_STIG_V2R1_Manual-xccdf.xml
echo "exit=$?"
"$STIGDIFF" notes --title 'Our *team* notes <draft>' tests/fixtures/diff/old.xml tests/fixtures/diff/new.xml
echo "exit=$?"
