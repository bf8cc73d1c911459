# checklist diff on pairs of checklists made from real releases with
# planted moves (tests/plant-moves.sh: chosen from `stigdiff diff`, not
# from checklist diff): every planted move, added and dropped rule is
# reported, with the right annotation, and nothing else; across DISA's
# renumbering (Exchange 2013 CAS V1R3 -> V2R1: every V-ID changed) too.
X=$PWD/corpus/xccdf
for pair in "MS_Exchange_2016_Mailbox_Server_STIG_V2R3 MS_Exchange_2016_Mailbox_Server_STIG_V2R6" \
	    "MS_Exchange_2013_CAS_STIG_V1R3 MS_Exchange_2013_CAS_STIG_V2R1" \
	    "MS_Exchange_2016_Edge_Transport_Server_STIG_V2R2 MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6"; do
	set -- $pair
	D=$TMP/$2
	mkdir "$D"
	sh tests/plant-moves.sh "$STIGDIFF" "$X/U_$1_Manual-xccdf.xml" "$X/U_$2_Manual-xccdf.xml" "$D"
	"$STIGDIFF" checklist diff --format json "$D/old.cklb" "$D/new.cklb" > "$D/diff.json"
	echo "$1 -> $2: exit=$?, $(wc -l < "$D/planted.tsv") planted"
	jq -r '.rows[] | [(.new // .old)."stig-id", .change, (.annotation // "")] | @tsv' "$D/diff.json" | sort > "$D/reported.tsv"
	diff "$D/planted.tsv" "$D/reported.tsv" && echo "  every planted difference reported, nothing else"
	cut -f2,3 "$D/planted.tsv" | sort | uniq -c | sed 's/^/ /'
	jq -c '[.stigs[0].paired, .stigs[0].unchanged, ([.rows[] | select(.renumbered)] | length)]' "$D/diff.json"
done
# The formats, on the last pair; a checklist against itself: exit 0.
cd "$D"
"$STIGDIFF" checklist diff old.cklb new.cklb | sed -n '2p;5,7p'
"$STIGDIFF" checklist diff --format markdown old.cklb new.cklb | sed -n '1,8p'
"$STIGDIFF" checklist diff --format csv old.cklb new.cklb | head -3 | tr -d '\r'
"$STIGDIFF" checklist diff new.cklb new.cklb; echo "same: exit=$?"
"$STIGDIFF" checklist convert -o new.ckl new.cklb
"$STIGDIFF" checklist diff new.cklb new.ckl >/dev/null; echo "same in the other format: exit=$?"
"$STIGDIFF" checklist diff --format xml old.cklb new.cklb; echo "bad format: exit=$?"
"$STIGDIFF" checklist diff old.cklb missing.cklb; echo "missing: exit=$?"
