# Silent downgrades are refused: an older release of the checklist's
# benchmark, a SCAP benchmark (an automated subset of the manual STIG);
# --force migrates anyway. A severity override whose rule's base severity
# changed is carried as pending, and the rule is in the re-check list.
R=$PWD X=$PWD/corpus/xccdf F=$PWD/tests/fixtures/library
MB3=$X/U_MS_Exchange_2016_Mailbox_Server_STIG_V2R3_Manual-xccdf.xml
MB6=$X/U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml
cd "$TMP"
"$STIGDIFF" checklist new -o e.ckl "$MB6" && sh "$R/tests/fill-checklist.sh" e.ckl > mb6.ckl
"$STIGDIFF" migrate mb6.ckl --to "$MB3" -o old.ckl 2> err
echo "exit=$? $(ls old.ckl 2>/dev/null)"
sed "s|$X/||" err
"$STIGDIFF" migrate mb6.ckl --to "$MB3" -o old.ckl --force --report /dev/null
echo "--force: exit=$? $(ls old.ckl)"
"$STIGDIFF" checklist new -o edge.ckl "$F/edge-V1R7.xml"
sed 's/Release: 7 /Release: 2 /' edge.ckl > edge-v1r2.ckl
"$STIGDIFF" migrate edge-v1r2.ckl --to "$F/edge-V1R3-scap.zip" --report /dev/null 2> err
echo "exit=$?"
sed "s|$F/||" err

# The first rule of Mailbox V2R3 carries an override (fill-checklist.sh);
# the new release raises its base severity.
rm e.ckl
"$STIGDIFF" checklist new -o e.ckl "$MB3" && sh "$R/tests/fill-checklist.sh" e.ckl > mb3.ckl
v=$(grep -m1 -A1 '<VULN_ATTRIBUTE>Vuln_Num' mb3.ckl | sed -n 's/.*<ATTRIBUTE_DATA>\(.*\)<\/ATTRIBUTE_DATA>.*/\1/p')
python3 - "$MB6" "$v" new.xml <<'PY'
import re, sys
s = open(sys.argv[1], encoding='utf-8').read()
i = s.index('<Group id="%s"' % sys.argv[2])
j = s.index('severity="', i)
k = s.index('"', j + 10)
open(sys.argv[3], 'w', encoding='utf-8').write(s[:j] + 'severity="high' + s[k:])
PY
"$STIGDIFF" migrate mb3.ckl --to new.xml -o mb6-new.ckl --report r.json --format json > /dev/null
echo "exit=$?"
jq -r --arg v "$v" '.stigs[0]["re-check"][] | select(.["old-vuln-id"] == $v) | .why | join("; ")' r.json
grep -c 'pending review' mb6-new.ckl
