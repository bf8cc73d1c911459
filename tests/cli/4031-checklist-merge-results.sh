# checklist merge: results into an existing checklist. A person's review
# is kept (kept-manual, exit 1) unless --overwrite, and the report holds
# it in full; a later scan replaces an earlier import's results (they are
# no manual review); of two TestResults in one run the later wins and the
# earlier is counted as superseded.
M=$PWD/tests/fixtures/results/chrome-V2R8-manual.zip
cp tests/fixtures/results/chrome-scc-xccdf.xml tests/fixtures/results/chrome-oscap-arf.zip "$TMP"
cd "$TMP"
"$STIGDIFF" checklist new --host-name ws-0412 -o host.cklb "$M"
# A person reviewed V-221558 and V-221559.
jq '(.stigs[0].rules[] | select(.group_id == "V-221558")) |= (.status = "open" | .comments = "Exception pending, ticket 4711") |
    (.stigs[0].rules[] | select(.group_id == "V-221559")) |= (.status = "not_applicable" | .finding_details = "Chrome removed from this host")' host.cklb > t && mv t host.cklb
cp host.cklb keep.cklb
"$STIGDIFF" checklist merge --results chrome-scc-xccdf.xml --format json --report keep.json keep.cklb
echo "merge: exit=$?"
"$STIGDIFF" checklist check keep.cklb
jq -c '[.counts.filled, .counts."kept-manual"]' keep.json
jq -c '.results[] | select(.decision == "kept-manual") | [."checklist-rule"."vuln-id", .result, .review.status, .review.comments, .review."finding-details"]' keep.json
jq -c '.stigs[0].rules[] | select(.group_id == "V-221558" or .group_id == "V-221559") | [.group_id, .status, .comments]' keep.cklb
# A second scan: the first import's results are replaced, the reviews kept.
"$STIGDIFF" checklist merge --results chrome-oscap-arf.zip --format json --report again.json keep.cklb
echo "again: exit=$?"
jq -c '[.counts.filled, .counts."kept-manual"]' again.json
jq -r '.stigs[0].rules[] | select(.group_id == "V-221562") | .finding_details' keep.cklb | head -2
# --overwrite: the reviews are replaced, and the report keeps them.
cp host.cklb over.cklb
"$STIGDIFF" checklist merge --overwrite --results chrome-scc-xccdf.xml --format json --report over.json over.cklb
echo "overwrite: exit=$?"
jq -c '.results[] | select(.decision == "overwritten") | [."checklist-rule"."vuln-id", .status, .review.status, .review.comments]' over.json
jq -c '.stigs[0].rules[] | select(.group_id == "V-221558") | [.status, .comments]' over.cklb
# Two scans in one run, into a new file (-o): the later one wins.
"$STIGDIFF" checklist merge --results chrome-scc-xccdf.xml --results chrome-oscap-arf.zip -o two.ckl --format json --report two.json host.cklb
echo "two: exit=$?"
jq -c '[.counts.results, .counts.filled, .counts."kept-manual", .counts.superseded]' two.json
grep -c 'Tool: cpe:/a:redhat:openscap' two.ckl
grep -c 'Tool: cpe:/a:spawar:scc' two.ckl
