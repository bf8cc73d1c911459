# Asset data from the command line: `checklist new` with asset options
# and two benchmarks (one multi-STIG checklist), in both formats;
# `checklist set` edits asset fields in place and nothing else (a
# checklist stigdiff wrote differs only on the lines set; a real .cklb
# is the same JSON but for the field); `migrate --host-name` overrides
# the old checklist's; bad values are refused with the option named.
X=$PWD/corpus/xccdf F=$PWD/tests/fixtures/checklist
E=$X/U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml
M=$X/U_MS_Exchange_2016_Mailbox_Server_STIG_V2R3_Manual-xccdf.xml
cd "$TMP"
for f in ckl cklb; do
	"$STIGDIFF" checklist new --host-name host1 --ip 10.0.0.5 --role "member server" \
		--web-or-database --web-db-site site1 --marking CUI -o new.$f "$E" "$M"
	echo "new.$f: exit=$?"
	"$STIGDIFF" checklist check new.$f
	"$STIGDIFF" checklist stats --format json new.$f | jq -c '[.stigs[] | [."stig-id", .version, .rules]]'
done
grep -E '<(ROLE|HOST_NAME|HOST_IP|WEB_OR_DATABASE|WEB_DB_SITE)>' new.ckl
jq -c '.target_data | {host_name, ip_address, role, is_web_database, web_db_site}' new.cklb
# set: only the lines of the fields set change.
cp new.ckl set.ckl
"$STIGDIFF" checklist set set.ckl host-name=host2 ROLE=workstation fqdn=host2.example.mil
echo "set: exit=$?"
diff new.ckl set.ckl
cp new.cklb set.cklb
"$STIGDIFF" checklist set set.cklb host_name=host2 web-or-database=false web-db-site=
diff new.cklb set.cklb
# A real Evaluate-STIG .cklb: the same document but for host_name.
S=$F/TwoResultEngineModules.cklb
cp "$S" real.cklb
"$STIGDIFF" checklist set real.cklb host-name=scanned-1
jq -S 'del(.target_data.host_name)' "$S" > a.json
jq -S 'del(.target_data.host_name)' real.cklb > b.json
cmp a.json b.json && echo "real.cklb: the rest is unchanged"
jq -r .target_data.host_name real.cklb
# migrate: the asset options override the old checklist's.
"$STIGDIFF" checklist new --host-name old-name -o old.ckl "$E"
"$STIGDIFF" migrate old.ckl --to "$X/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml" \
	--host-name new-name --role Workstation -o migrated.cklb --report report.md
echo "migrate: exit=$?"
jq -c '.target_data | {host_name, role}' migrated.cklb
# Refused, naming what is wrong; nothing written.
"$STIGDIFF" checklist new --role Server -o bad.ckl "$E"; echo "exit=$?"
"$STIGDIFF" checklist new --web-db-instance db1 -o bad.ckl "$E"; echo "exit=$?"
{ "$STIGDIFF" checklist new -o bad.ckl "$E" "$E" 2>&1; echo "exit=$?"; } | sed "s|$X/||g"
cp set.ckl before-refused.ckl
"$STIGDIFF" checklist set set.ckl colour=red; echo "exit=$?"
"$STIGDIFF" checklist set set.ckl host-name; echo "exit=$?"
"$STIGDIFF" checklist set set.ckl web-or-database=maybe; echo "exit=$?"
"$STIGDIFF" checklist set - host-name=x; echo "exit=$?"
ls bad.ckl 2>/dev/null
cmp before-refused.ckl set.ckl && echo "set.ckl untouched by the refused sets"
# A file that already says a site without web-or-database (written by
# another tool) still takes an unrelated field.
sed 's|<WEB_OR_DATABASE>true</WEB_OR_DATABASE>|<WEB_OR_DATABASE>false</WEB_OR_DATABASE>|' new.ckl > odd.ckl
"$STIGDIFF" checklist set odd.ckl host-name=host3; echo "exit=$?"
