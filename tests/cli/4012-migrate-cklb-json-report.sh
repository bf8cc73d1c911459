# A .cklb in, a .cklb out, the report as JSON on standard output; with
# --keep-status-on-change no status is reset.
R=$PWD X=$PWD/corpus/xccdf
cd "$TMP"
"$STIGDIFF" checklist new -o old.ckl "$X/U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml"
sh "$R/tests/fill-checklist.sh" old.ckl > filled.ckl
"$STIGDIFF" checklist convert -o old.cklb filled.ckl
"$STIGDIFF" migrate old.cklb --to "$X/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml" -o new.cklb --format json --keep-status-on-change > report.json
echo "exit=$?"
"$STIGDIFF" checklist check new.cklb
sed -n '/"counts": {/,/}/p' report.json
grep -c '"decision"' report.json
grep '"status-reset"' report.json
# The first carried rule, as the report gives it.
grep -m1 -B3 -A28 '"decision": "carried"' report.json
