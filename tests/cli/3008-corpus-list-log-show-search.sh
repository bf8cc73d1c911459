# Reading the corpus: list benchmarks and releases, the history of one
# rule by any id form, a release or one rule of it, and word search.
$STIGDIFF corpus init "$TMP/c" >/dev/null
$STIGDIFF corpus import -C "$TMP/c" corpus/ >/dev/null
export STIGDIFF_CORPUS="$TMP/c"
run() { "$STIGDIFF" "$@" > "$TMP/out" 2>&1; rc=$?; sed "s|$TMP|TMP|g" "$TMP/out"; echo "exit=$rc"; }
run corpus list
run corpus list ms-exchange-2013-cas
echo "--- log by V-, SV- base, full rule id, STIG id, legacy id"
run corpus log V-221262
run corpus log SV-221262
run corpus log SV-221262r811179_rule
run corpus log ex16-ed-000690
run corpus log SV-95313
run corpus log EMG2-803
echo "--- log of a renumbered rule, by its old and its new id: one history"
run corpus log V-69933
run corpus log V-234761
run corpus log V-99999999
echo "--- show"
run corpus show ms-exchange-2019-edge-server@V2R1:EX19-ED-000236
run corpus show MS_Exchange_2019_Edge_Server_STIG:V-259642 --format json
"$STIGDIFF" corpus show ms-exchange-2013-cas@v1r1 > "$TMP/show"; echo "exit=$?"
head -n 9 "$TMP/show"
grep -A 3 '^\[rules' "$TMP/show"
"$STIGDIFF" corpus show ms-exchange-2013-cas --format xml | xmllint --noout --relaxng xslt/normalized.rng - 2>&1
run corpus show ms-exchange-2019-edge-server@V9R9
run corpus show no-such-benchmark
run corpus show ms-exchange-2019-edge-server:V-1
run corpus show ms-exchange-2019-edge-server --format yaml
echo "--- search"
run corpus search Send connectors encrypt
run corpus search -n 2 send connector
run corpus search SMTP virtual server outbound
run corpus search xyzzy
run corpus search -- '--- ...'
