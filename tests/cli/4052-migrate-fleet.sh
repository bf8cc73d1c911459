# Fleet migration: a folder of checklists (one per asset; .ckl and
# .cklb; one multi-STIG; one broken; one for a STIG no --to continues)
# migrated in one run. Each good checklist is written under -o DIR by
# the same relative name, the bad ones are reported and skipped, and
# the fleet report agrees with per-checklist runs, STIG by STIG: the
# counts and the rules to re-check.
R=$PWD X=$PWD/corpus/xccdf
MB3=$X/U_MS_Exchange_2016_Mailbox_Server_STIG_V2R3_Manual-xccdf.xml
MB6=$X/U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml
ED2=$X/U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R2_Manual-xccdf.xml
ED6=$X/U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml
CAS=$X/U_MS_Exchange_2013_CAS_STIG_V2R1_Manual-xccdf.xml
cd "$TMP"
mkdir -p fleet/site-b
new() { out=$1 host=$2; shift 2; "$STIGDIFF" checklist new -o e.ckl --host-name "$host" "$@" && sh "$R/tests/fill-checklist.sh" e.ckl > "$out" && rm e.ckl; }
new fleet/mail01.ckl mail01 "$MB3"
new fleet/edge01.ckl edge01 "$ED2"
"$STIGDIFF" checklist convert -o fleet/edge02.cklb fleet/edge01.ckl
"$STIGDIFF" checklist set fleet/edge02.cklb host-name=edge02
new fleet/site-b/both01.ckl both01 "$MB3" "$ED2"
new fleet/site-b/cas01.ckl cas01 "$CAS"
printf '<CHECKLIST><ASSET>' > fleet/site-b/broken.ckl
"$STIGDIFF" migrate --to "$MB6" --to "$ED6" -o out --report fleet.json --format json fleet
echo "exit=$?"
(cd out && find . -type f | sort)
jq -r '.checklists[] | [.asset, (.error // "ok")] | @tsv' fleet.json
echo "--- per checklist, as one run each"
for c in mail01.ckl edge01.ckl edge02.cklb site-b/both01.ckl; do
	tos=
	grep -q Mailbox_Server fleet/$c && tos="$tos --to $MB6"
	grep -q Edge_Transport fleet/$c && tos="$tos --to $ED6"
	rm -f one.json
	"$STIGDIFF" migrate fleet/$c $tos --report one.json --format json > /dev/null
	jq -S '[.stigs[] | select(.migrated) | {old: .old["stig-id"], counts, "re-check": [.["re-check"][] | {"new-vuln-id", "why": (.why | join("; "))}]}]' one.json > one
	jq -S --arg c "fleet/$c" '[.checklists[] | select(.checklist == $c) | .stigs[] | select(.migrated) | {old, counts, "re-check": [.["re-check"][] | {"new-vuln-id", why}]}]' fleet.json > many
	if cmp -s one many; then echo "$c: same"; else echo "$c: differs"; diff one many | head -n 5; fi
done
echo "--- CSV: one row per asset and rule, one per problem"
"$STIGDIFF" migrate --to "$MB6" --to "$ED6" --report fleet.csv --format csv fleet 2> /dev/null
echo "exit=$?"
head -n 1 fleet.csv
cut -d, -f1 fleet.csv | sort | uniq -c
echo "--- Markdown"
"$STIGDIFF" migrate --to "$MB6" --to "$ED6" fleet/mail01.ckl fleet/site-b/broken.ckl 2>&1 | sed -n '1,12p'
