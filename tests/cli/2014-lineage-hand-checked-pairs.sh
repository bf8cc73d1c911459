# Lineage across Windows Server 2012/2012 R2 (member server and domain
# controller) -> 2016 -> 2019 -> 2022, Windows 10 -> 11 and Exchange 2016
# Edge -> 2019 Edge, over the latest release of each
# (tests/fixtures/lineage): every pair of tests/fixtures/lineage/pairs.tsv,
# checked by hand, must be the lineage's successor hop (or its absence).
F=tests/fixtures/lineage
ids=$(grep -v '^#' $F/pairs.tsv | cut -f2)
# shellcheck disable=SC2086
$STIGDIFF lineage --in $F --format json $ids > "$TMP/l.json"
echo "exit=$?"
grep -v '^#' $F/pairs.tsv | while IFS='	' read -r from q sid to want note; do
	got=$(jq -r --arg q "$q" --arg from "$from" --arg to "$to" '
		.lineages[] | select(.query == $q) | . as $l
		| [.nodes[] | select(.["vuln-id"] == $q and (.benchmark.source | contains($from))) | .index] as $start
		| [.hops[] | select(.from as $f | $start | index($f))
		   | $l.nodes[.to] | select(.benchmark.source | contains($to))
		   | "\(.["vuln-id"]) \(.["stig-id"])"] | unique | join(",")
		| if . == "" then "-" else . end' "$TMP/l.json")
	if [ "$got" = "$want" ]; then
		echo ok >> "$TMP/ok"
	else
		echo "$sid ($from): want $want, got $got"
	fi
	echo x >> "$TMP/all"
done
echo "$(wc -l < "$TMP/ok") of $(wc -l < "$TMP/all") hand-checked pairs hold"
# No hop of these chains goes from a client to a server product or back.
jq -r '.lineages[] | . as $l | .hops[] | select(.relation == "successor")
	| [$l.nodes[.from].line, $l.nodes[.to].line]
	| select((.[0] | test("Server")) != (.[1] | test("Server")))
	| "client/server hop: \(.[0]) -> \(.[1])"' "$TMP/l.json" | sort -u
