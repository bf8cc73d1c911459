#!/bin/sh
# plant-moves.sh STIGDIFF OLD_XCCDF NEW_XCCDF DIR: two checklists of one
# asset, DIR/old.cklb for OLD_XCCDF and DIR/new.cklb for NEW_XCCDF, and
# DIR/planted.tsv, the differences planted between them (STIG id, change,
# annotation; STIG ids survive DISA's renumbering), for `checklist diff` to find (tests/cli/404x).
#
# old.cklb: `checklist new` filled by tests/fill-checklist.sh. new.cklb:
# old.cklb migrated with --keep-status-on-change (every status carried,
# so nothing moved yet), then, chosen from `stigdiff diff` (which rules'
# check text DISA changed) and the statuses, never from `checklist diff`:
#   an unchanged rule NotAFinding -> Open           new-finding regression
#   an unchanged rule Not_Applicable -> NotAFinding moved       drift
#   an unchanged rule Open -> NotAFinding           remediated  drift
#   an unchanged rule NotAFinding -> Not_Reviewed   moved       drift
#   each rule whose check changed: another status  (by old)    re-review
#   an unchanged Open rule removed from new         dropped
#   an unchanged rule removed from old              added
# and every rule DISA added (added) or removed (dropped) between the two
# (the rules `stigdiff map` pairs with none).
set -e
B=$1 O=$2 N=$3 D=$4
"$B" checklist new -o "$D/o0.ckl" "$O"
sh "$(dirname "$0")/fill-checklist.sh" "$D/o0.ckl" > "$D/o1.ckl"
"$B" checklist convert -o "$D/old.cklb" "$D/o1.ckl"
"$B" migrate "$D/old.cklb" --to "$N" --keep-status-on-change -o "$D/n0.cklb" --report "$D/migrate.md" >/dev/null || true
"$B" diff --format json "$O" "$N" > "$D/rdiff.json" || [ $? = 1 ]
jq -r '.rules[] | select(any(.changes[]?; .field == "check-content")) | .new."vuln-id"' "$D/rdiff.json" > "$D/changed"
# Old status of each new rule: the migration carried it.
jq -r '.stigs[0].rules[] | [.group_id, .status, .rule_version] | @tsv' "$D/n0.cklb" > "$D/status"
sid() { awk -v v="$1" '$1 == v { print $3 }' "$D/status"; }
pick() { # STATUS N: the Nth unchanged rule with STATUS
	if [ -s "$D/changed" ]; then grep -v -w -F -f "$D/changed" "$D/status"; else cat "$D/status"; fi |
		awk -v s="$1" -v n="$2" '$2 == s && ++k == n { print $1 }'
}
r1=$(pick not_a_finding 1) r2=$(pick not_applicable 1) r3=$(pick open 1)
r4=$(pick not_a_finding 2) r5=$(pick open 2) r6=$(pick not_a_finding 3)
# What DISA added and removed is a difference as well: the rules the
# lineage matcher (`stigdiff map`) finds no partner for, as the diff
# pairs rules through it (renumbered rules, splits).
"$B" map --format json "$O" "$N" > "$D/map.json" || [ $? = 1 ]
jq -r '.maps[0].pairs[] | select(.new == null) | "\(.old."stig-id")\tdropped\t"' "$D/map.json" > "$D/planted.tsv"
jq -r '.maps[0].pairs[] | select(.old == null) | "\(.new."stig-id")\tadded\t"' "$D/map.json" >> "$D/planted.tsv"
set_status() { # FILE VID STATUS
	jq --arg v "$2" --arg s "$3" '(.stigs[0].rules[] | select(.group_id == $v)).status = $s' "$1" > "$1.t" && mv "$1.t" "$1"
}
cp "$D/n0.cklb" "$D/new.cklb"
set_status "$D/new.cklb" "$r1" open; printf '%s\tnew-finding\tregression\n' "$(sid "$r1")" >> "$D/planted.tsv"
set_status "$D/new.cklb" "$r2" not_a_finding; printf '%s\tmoved\tdrift\n' "$(sid "$r2")" >> "$D/planted.tsv"
set_status "$D/new.cklb" "$r3" not_a_finding; printf '%s\tremediated\tdrift\n' "$(sid "$r3")" >> "$D/planted.tsv"
set_status "$D/new.cklb" "$r4" not_reviewed; printf '%s\tmoved\tdrift\n' "$(sid "$r4")" >> "$D/planted.tsv"
while read -r v; do
	old=$(awk -v v="$v" '$1 == v { print $2 }' "$D/status")
	if [ "$old" = open ]; then
		set_status "$D/new.cklb" "$v" not_a_finding; printf '%s\tremediated\tre-review\n' "$(sid "$v")" >> "$D/planted.tsv"
	else
		set_status "$D/new.cklb" "$v" open; printf '%s\tnew-finding\tre-review\n' "$(sid "$v")" >> "$D/planted.tsv"
	fi
done < "$D/changed"
jq --arg v "$r5" 'del(.stigs[0].rules[] | select(.group_id == $v))' "$D/new.cklb" > "$D/t" && mv "$D/t" "$D/new.cklb"
printf '%s\tdropped\t\n' "$(sid "$r5")" >> "$D/planted.tsv"
# Added: a rule the old checklist lacks (its old id, which is the one
# removed from old; it shows in new under the new id r6).
oid=$(jq -r --arg v "$r6" '.stigs[0].rules[] | select(.group_id == $v) | .rule_version' "$D/new.cklb")
jq --arg s "$oid" 'del(.stigs[0].rules[] | select(.rule_version == $s))' "$D/old.cklb" > "$D/t" && mv "$D/t" "$D/old.cklb"
printf '%s\tadded\t\n' "$(sid "$r6")" >> "$D/planted.tsv"
sort -o "$D/planted.tsv" "$D/planted.tsv"
rm -f "$D/o0.ckl" "$D/o1.ckl" "$D/n0.cklb" "$D/t" "$D/rdiff.json" "$D/map.json"
