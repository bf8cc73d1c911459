# Every JSON document stigdiff writes, from real files, validates against
# its JSON Schema in docs/formats/schema (python3-jsonschema, draft
# 2020-12); every key of every document is kebab-case; a schema fails a
# document whose key was renamed or whose format-version is missing.
py=
for p in /usr/bin/python3 python3; do
	"$p" -c 'import jsonschema' 2>/dev/null && { py=$p; break; }
done
[ -n "$py" ] || { echo "no python3 with jsonschema: make deps installs python3-jsonschema"; exit 1; }
S=docs/formats/schema X=corpus/xccdf O=$TMP
E16=$X/U_MS_Exchange_2016_Edge_Transport_Server_STIG
E19=$X/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml
q() { "$STIGDIFF" "$@" 2>/dev/null; }
q unpack --json tests/fixtures/xccdf > $O/unpack.json
q normalize --format json tests/fixtures/diff/old.xml > $O/normalize.json
q normalize --format json --controls tests/fixtures/diff/new.xml > $O/normalize-controls.json
q normalize --format jsonl tests/fixtures/xccdf > $O/normalize.jsonl
q diff --format json tests/fixtures/diff/old.xml tests/fixtures/diff/new.xml > $O/diff.json
q diff --format json ${E16}_V2R5_Manual-xccdf.xml ${E16}_V2R6_Manual-xccdf.xml > $O/diff-release.json
q diff --consecutive --format json ${E16}_V2R2_Manual-xccdf.xml ${E16}_V2R3_Manual-xccdf.xml ${E16}_V2R4_Manual-xccdf.xml > $O/diff-series.json
q map --format json ${E16}_V2R6_Manual-xccdf.xml $E19 > $O/map.json
q lineage --format json EMG2-803 V-9999999 > $O/lineage.json
q cci --format json CCI-000366 CCI-002418 CCI-9 > $O/cci.json
q controls --format json $E19 > $O/controls.json
q checklist stats --format json tests/fixtures/checklist/all-possible-results.cklb > $O/stats.json
q checklist stats --format json --controls tests/fixtures/checklist/MultiStig-Simple.ckl > $O/stats-controls.json
q checklist new -o $O/old.ckl ${E16}_V2R6_Manual-xccdf.xml
sh tests/fill-checklist.sh $O/old.ckl > $O/filled.ckl
q migrate $O/filled.ckl --to $E19 -o $O/new.ckl --format json > $O/migrate.json
mkdir -p $O/fleet && cp $O/filled.ckl $O/fleet/a.ckl && printf '<CHECKLIST>' > $O/fleet/bad.ckl
q migrate --to ${E16}_V2R6_Manual-xccdf.xml --format json $O/fleet > $O/fleet.json 2>/dev/null
C=$O/c
q corpus init $C >/dev/null
q corpus import -q -C $C --curated corpus/lineage/curated.tsv corpus/ >/dev/null
q corpus link -q -C $C >/dev/null
q corpus list -C $C --format json > $O/corpus-list.json
q corpus list -C $C --format json ms-exchange-2013-cas > $O/corpus-line.json
q corpus show -C $C --format json ms-exchange-2013-cas > $O/corpus-show.json
q corpus show -C $C --format jsonl ms-exchange-2013-cas > $O/corpus-show.jsonl
q corpus show -C $C --format json MS_Exchange_2019_Edge_Server_STIG:V-259642 > $O/corpus-show-rule.json
q corpus diff -C $C --format json ms-exchange-2013-cas@V1R1 ms-exchange-2013-cas@V2R2 > $O/corpus-diff.json
q lineage --corpus $C --format json V-259642 > $O/lineage-corpus.json
q notes --library -C $C --since 2020-06-01 --format json > $O/digest.json
q export -C $C --format json > $O/export.json
q site -q -C $C -o $O/site >/dev/null
cd $O
v() { schema=$1; shift; "$py" "$OLDPWD/tests/json-schema.py" "$OLDPWD/$S/$schema" "$@"; }
# One python for every schema (each start costs a third of a second of
# CPU); the site's pages counted per kind, as uniq -c would.
V=$OLDPWD/$S
"$py" "$OLDPWD/tests/json-schema.py" \
	"$V/unpack.json" unpack.json -- \
	"$V/normalized.json" normalize.json normalize-controls.json corpus-show.json -- \
	"$V/normalized-benchmark.json" normalize.jsonl corpus-show.jsonl -- \
	"$V/normalized-rule.json" corpus-show-rule.json -- \
	"$V/diff.json" diff.json diff-release.json corpus-diff.json -- \
	"$V/diff-series.json" diff-series.json -- \
	"$V/digest.json" digest.json -- \
	"$V/map.json" map.json -- \
	"$V/lineage.json" lineage.json lineage-corpus.json -- \
	"$V/cci.json" cci.json -- \
	"$V/controls.json" controls.json -- \
	"$V/checklist-stats.json" stats.json stats-controls.json -- \
	"$V/migration.json" migrate.json -- \
	"$V/fleet-migration.json" fleet.json -- \
	"$V/corpus-list.json" corpus-list.json -- \
	"$V/corpus-line.json" corpus-line.json -- \
	"$V/export.json" export.json -- \
	"$V/site-search.json" site/search-index.json -- \
	"$V/site-compare.json" site/stig/*/compare.json -- \
	"$V/site-search-part.json" site/stig/*/search.json |
	awk '!/\/stig\// { if (n) printf "%7d %s\n", n, last; n = 0; print; next }
		{ sub(/\/stig\/[^\/]*\//, "/stig/*/") }
		n && $0 != last { printf "%7d %s\n", n, last; n = 0 }
		{ last = $0; n++ }
		END { if (n) printf "%7d %s\n", n, last }'
echo "--- what the documents hold (a schema cannot pass an empty one)"
jq -c '[.rules[].changes[] | select(.controls) | .controls.added] | length > 0' diff.json
jq -c '[.stigs[].status] | unique' digest.json
jq -c '[.stigs[] | has("nist-controls")] | unique' stats-controls.json
jq -c '[.benchmarks[].rules[] | has("nist-controls")] | unique' normalize-controls.json
jq -c '[.lineages[].hops[] | select(.curated)] | length > 0' lineage.json
echo "--- every key kebab-case"
for f in *.json site/search-index.json site/stig/*/*.json; do
	jq -r '.. | objects | keys[]' "$f"; done | sort -u | grep -Ev '^[a-z0-9]+(-[a-z0-9]+)*$'
cat *.jsonl | jq -r '.. | objects | keys[]' | sort -u | grep -Ev '^[a-z0-9]+(-[a-z0-9]+)*$'
echo "--- a renamed key, a missing format-version"
sed 's/"vuln-id"/"vuln_id"/' migrate.json > renamed.json
v migration.json renamed.json > errors; echo "exit=$?"
head -n 1 errors
jq 'del(."format-version")' cci.json > versionless.json
v cci.json versionless.json; echo "exit=$?"
