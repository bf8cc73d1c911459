# migrate: a filled 300-rule checklist carried to the next releases, end
# to end (read checklist, read benchmark, match, carry, write checklist and
# report), against the floor of reading the same two inputs.

# migrate exits 1 when assessed rules have no successor (one does here):
# not a failure for the bench.
sd_migrate() { "$SD" migrate "$@" || [ $? -eq 1 ]; }
bench_migrate() {
	X=corpus/xccdf
	# One benchmark of about 300 rules: the Groups of five Exchange STIGs
	# under the first one's header; the new one from their later releases.
	merge() {
		out=$1
		shift
		awk 'BEGIN { RS = "\001" }
		     { i = index($0, "<Group id="); j = index($0, "</Benchmark>") }
		     NR == 1 { printf "%s", substr($0, 1, i - 1) }
		     { printf "%s", substr($0, i, j - i) }
		     END { print "</Benchmark>" }' "$@" > "$out"
	}
	merge "$WORK/old300.xml" \
		$X/U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R2_Manual-xccdf.xml \
		$X/U_MS_Exchange_2016_Mailbox_Server_STIG_V2R3_Manual-xccdf.xml \
		$X/U_MS_Exchange_2013_Mailbox_STIG_V2R1_Manual-xccdf.xml \
		$X/U_MS_Exchange_2013_Edge_Transport_Server_STIG_V1R5_Manual-xccdf.xml \
		$X/U_MS_Exchange_2013_CAS_STIG_V2R1_Manual-xccdf.xml
	merge "$WORK/new300.xml" \
		$X/U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml \
		$X/U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml \
		$X/U_MS_Exchange_2013_Mailbox_STIG_V2R3_Manual-xccdf.xml \
		$X/U_MS_Exchange_2013_Edge_Transport_Server_STIG_V1R6_Manual-xccdf.xml \
		$X/U_MS_Exchange_2013_CAS_STIG_V2R2_Manual-xccdf.xml
	"$SD" checklist new -f -o "$WORK/old300-empty.ckl" "$WORK/old300.xml"
	sh tests/fill-checklist.sh "$WORK/old300-empty.ckl" > "$WORK/old300.ckl"
	rules=$(grep -c '<VULN>' "$WORK/old300.ckl")
	"$SD" checklist new -f -o "$WORK/edge16-empty.ckl" \
		$X/U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml
	sh tests/fill-checklist.sh "$WORK/edge16-empty.ckl" > "$WORK/edge16.ckl"

	floor=$(best_time sh -c "'$SD' checklist stats '$WORK/old300.ckl'; '$SD' unpack --list '$WORK/new300.xml'")
	t=$(best_time sd_migrate -f "$WORK/old300.ckl" --to "$WORK/new300.xml" \
		-o "$WORK/new300.ckl" --report "$WORK/new300.md")
	# /usr/bin/time would report the exit status 1 in its output:
	# measure memory and CPU through sh.
	printf '"%s" migrate -f "%s" --to "%s" -o "%s" --report "%s"\nexit 0\n' \
		"$SD" "$WORK/old300.ckl" "$WORK/new300.xml" \
		"$WORK/new300.ckl" "$WORK/new300.md" > "$WORK/migrate300.sh"
	rss=$(peak_rss sh "$WORK/migrate300.sh")
	cpu=$(cpu_time sh "$WORK/migrate300.sh")
	tx=$(best_time sd_migrate -f "$WORK/edge16.ckl" \
		--to $X/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml \
		-o "$WORK/edge19.ckl" --report "$WORK/edge19.md")
	echo "migrate, a filled $rules-rule checklist to the next releases:"
	report "read checklist + read benchmark (floor)" "${floor}s"
	report "stigdiff migrate -o FILE --report FILE" "${t}s" "(target < 0.100)"
	report "  CPU (user+sys)" "${cpu}s"
	report "ratio to floor" "$(ratio "$t" "$floor")"
	report "peak RSS" "${rss} MB"
	report "cross-product, 68 rules (2016 Edge -> 2019 Edge)" "${tx}s"
}
bench_migrate
