# JSON lineage, read with jq: each hop's kind and the rules it joins.
"$STIGDIFF" lineage --format json V-259642 > "$TMP/l.json"
echo "exit=$?"
jq -r '.format, .benchmarks, (.lineages[0] | .query, (.nodes | length))' "$TMP/l.json"
jq -r '.lineages[0] as $l | $l.hops[] |
	[$l.nodes[.from].benchmark.id, $l.nodes[.from].benchmark.version, $l.nodes[.from]["stig-id"],
	 .kind, ($l.nodes[.to].benchmark.id), $l.nodes[.to].benchmark.version, $l.nodes[.to]["stig-id"]] | @tsv' "$TMP/l.json"
jq -r '.lineages[0].hops[] | select(.kind == "curated") | .curated.source' "$TMP/l.json" | sort -u
