# Exchange 2016 Edge to Exchange 2019 Edge by content (no shared ids): the
# send-connector encryption rule, the signed-scripts split and the rules
# each side lacks; then the count of each kind.
X=corpus/xccdf
"$STIGDIFF" map --ignore-legacy "$X/U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml" \
	"$X/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml" > "$TMP/map.tsv"
echo "exit=$?"
head -n 1 "$TMP/map.tsv"
grep -E "EX16-ED-000(150|690|260)|EX19-ED-000006" "$TMP/map.tsv"
grep -v '^#' "$TMP/map.tsv" | cut -f6 | sort | uniq -c
