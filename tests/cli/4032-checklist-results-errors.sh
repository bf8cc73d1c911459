# Hostile and broken results: one line naming the file (and member or
# line), exit 2, nothing written; every bad input is named, not only the
# first.
M=$PWD/tests/fixtures/results/chrome-V2R8-manual.zip
cd "$TMP"
printf '<?xml version="1.0"?>\n<!DOCTYPE TestResult [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<TestResult xmlns="http://checklists.nist.gov/xccdf/1.2"><rule-result idref="SV-1r1_rule"><result>&x;</result></rule-result></TestResult>\n' > xxe.xml
printf '<TestResult xmlns="http://checklists.nist.gov/xccdf/1.2"><rule-result idref="SV-1r1_rule"><result>pass</result>' > cut.xml
printf '<TestResult xmlns="http://checklists.nist.gov/xccdf/1.2">\n<rule-result idref="SV-1r1_rule"></rule-result></TestResult>\n' > noresult.xml
printf '<TestResult xmlns="http://checklists.nist.gov/xccdf/1.2">\n<rule-result><result>pass</result></rule-result></TestResult>\n' > noidref.xml
printf '<Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2"/>\n' > none.xml
for f in xxe cut noresult noidref none missing; do
	"$STIGDIFF" checklist new --results $f.xml -o out.ckl "$M"
	echo "$f: exit=$?"
done
"$STIGDIFF" checklist new --results xxe.xml --results cut.xml -o out.ckl "$M"
echo "two bad: exit=$?"
# A zip holding a broken member: named with the member.
mkdir z && cp cut.xml z/results.xml && (cd z && zip -q -X ../bad.zip results.xml)
"$STIGDIFF" checklist new --results bad.zip -o out.ckl "$M"
echo "zip: exit=$?"
# A text field over --max-field.
printf '<TestResult xmlns="http://checklists.nist.gov/xccdf/1.2"><rule-result idref="SV-1r1_rule"><result>pass</result><message>%s</message></rule-result></TestResult>\n' "$(head -c 100000 /dev/zero | tr '\0' x)" > long.xml
"$STIGDIFF" checklist new --max-field 64K --results long.xml -o out.ckl "$M"
echo "long: exit=$?"
# merge: usage errors.
"$STIGDIFF" checklist merge out.ckl; echo "no results: exit=$?"
ls out.ckl 2>/dev/null || echo "out.ckl: not written"
