# The HTML digest is rendered STIG by STIG (each updated STIG's rules
# apart from the page): every updated STIG has its section, in the
# JSON's order, listing exactly the rules the JSON lists for it, and the
# added, withdrawn and unchanged tables follow.
L=tests/fixtures/library
mkdir "$TMP/old" "$TMP/new"
cp $L/firefox-V5R1.xml $L/iis10-site-V2R10-a.xml $L/word2010-V1R11-utf8.xml $L/edge-V1R7.xml "$TMP/old"
cp $L/firefox-V6R2.xml $L/iis10-site-V2R10-b.xml $L/word2010-V1R11-cp1252.xml $L/edge-V1R3-scap.zip $L/uc-endpoint-V1R0-1-draft.xml "$TMP/new"
cd "$TMP"
"$STIGDIFF" notes --library --format json old new 2>/dev/null > digest.json
"$STIGDIFF" notes --library --format html old new -o digest.html 2>/dev/null
jq -r '.stigs[] | select(.status == "updated") | "\(.line) \(.rules | length)"' digest.json > want
python3 - digest.html > got <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
updated = html.split('<section id="updated">', 1)[1].split('<section id="added">', 1)[0]
for part in updated.split('<section id="')[1:]:
    line = part.split('"', 1)[0]
    print(line, len(re.findall(r'<li><span class="status">', part)))
PY
cat got
cmp -s want got && echo "every updated STIG's rules, in order"
grep -o '<section id="\(added\|withdrawn\|unchanged\)">' digest.html
grep -c '</html>' digest.html
