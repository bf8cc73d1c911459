# A release that renumbered every rule (Exchange 2013 Edge V1R5 -> V1R6):
# legacy idents pair all 63 rules; with --ignore-legacy, content pairs 62
# of them and the rewritten service-pack rule is left for a person.
X=corpus/xccdf
old=$X/U_MS_Exchange_2013_Edge_Transport_Server_STIG_V1R5_Manual-xccdf.xml
new=$X/U_MS_Exchange_2013_Edge_Transport_Server_STIG_V1R6_Manual-xccdf.xml
"$STIGDIFF" map "$old" "$new" > "$TMP/declared.tsv"
echo "exit=$?"
grep -v '^#' "$TMP/declared.tsv" | cut -f6 | sort | uniq -c
grep -F EX13-EG-000345 "$TMP/declared.tsv"
"$STIGDIFF" map --ignore-legacy "$old" "$new" > "$TMP/content.tsv"
echo "exit=$?"
grep -v '^#' "$TMP/content.tsv" | cut -f6 | sort | uniq -c
grep -F none "$TMP/content.tsv" | cut -c1-160
