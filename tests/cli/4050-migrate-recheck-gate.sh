# The re-check gate: a status is reset only when DISA changed the check,
# by diff's classifier. A real Evaluate-STIG Chrome V2R8 checklist
# (its check text edited to "hi") migrated to DISA's V2R8: reset when the
# old text is the checklist's copy, not when --from gives DISA's V2R8.
# A checklist whose check texts hold mojibake (UTF-8 read as
# Windows-1252): repaired, nothing reset. A case-only change of the new
# release: carried (check-cosmetic case); --strict resets it.
R=$PWD F=$PWD/tests/fixtures
V2R8=$F/recheck/U_Google_Chrome_STIG_V2R8_Manual-xccdf.xml
cd "$TMP"
resets() { jq -r '[.stigs[] | select(.migrated) | .["status-reset"]] | add' "$1"; }
"$STIGDIFF" migrate "$F/checklist/SingleResultEngineModule.ckl" --to "$V2R8" \
	-o a.ckl --report a.json --format json > /dev/null
echo "checklist copy: resets $(resets a.json), sources $(jq -c '[.stigs[0].rules[] | select(.old) | .["check-source"]] | unique' a.json)"
jq -r '.stigs[0]["re-check"][] | select(.["check-diff"]) | .["new-vuln-id"] + ": " + (.why | join(", ")) + "\n" + .["check-diff"]' a.json | head -n 3
"$STIGDIFF" migrate "$F/checklist/SingleResultEngineModule.ckl" --to "$V2R8" --from "$V2R8" \
	-o b.ckl --report b.json --format json > /dev/null
echo "--from V2R8: resets $(resets b.json), sources $(jq -c '[.stigs[0].rules[] | select(.old) | .["check-source"]] | unique' b.json)"

# A whole V2R8 checklist, filled, then mojibaked as a tool reading UTF-8
# as Windows-1252 would write it.
"$STIGDIFF" checklist new -o empty.ckl "$V2R8"
sh "$R/tests/fill-checklist.sh" empty.ckl > filled.ckl
python3 - filled.ckl mojibake.ckl <<'PY'
import sys
undef = {0x81, 0x8d, 0x8f, 0x90, 0x9d}
def as1252(b):
    return ''.join(chr(x) if x < 0x80 or x in undef else bytes([x]).decode('cp1252') for x in b)
text = open(sys.argv[1], encoding='utf-8').read()
out = ''.join(as1252(c.encode('utf-8')) if ord(c) > 0x7f else c for c in text)
open(sys.argv[2], 'w', encoding='utf-8').write(out)
PY
grep -c 'â€' mojibake.ckl
"$STIGDIFF" migrate mojibake.ckl --to "$V2R8" -o c.ckl --report c.json --format json > /dev/null
echo "mojibake: resets $(resets c.json), repaired $(jq '[.stigs[0].rules[] | select(.["check-source"] == "checklist, mojibake repaired")] | length' c.json)"

# DISA changing a word's case only (omnibox -> OMNIBOX in every check).
sed 's/omnibox/OMNIBOX/g' "$V2R8" > case.xml
"$STIGDIFF" migrate filled.ckl --to case.xml -o d.ckl --report d.json --format json > /dev/null
echo "case only: resets $(resets d.json), cosmetic $(jq -c '[.stigs[0].rules[] | select(.["check-cosmetic"]) | .["check-cosmetic"][]] | unique' d.json) x $(jq '[.stigs[0].rules[] | select(.["check-cosmetic"])] | length' d.json)"
"$STIGDIFF" migrate filled.ckl --to case.xml --strict -o e.ckl --report e.md > /dev/null
echo "case only, --strict: resets $(grep -c 'reset to Not_Reviewed\.' e.md)"
grep -m1 -A6 'Check text changed' e.md
# The same report as one self-contained HTML page: the change marked up.
"$STIGDIFF" migrate "$F/checklist/SingleResultEngineModule.ckl" --to "$V2R8" \
	--report a.html --format html > /dev/null
grep -o '<del>hi</del><ins>Universal method:</ins>' a.html
grep -c '<script\|<link\|src=' a.html
# Without --from, DISA's old release is found in the corpus by the
# checklist's STIG id and version.
"$STIGDIFF" corpus init c > /dev/null
"$STIGDIFF" corpus import -q -C c "$V2R8" > /dev/null
"$STIGDIFF" migrate -C c "$F/checklist/SingleResultEngineModule.ckl" --to "$V2R8" \
	--report f.json --format json > /dev/null
echo "corpus: resets $(resets f.json), sources $(jq -c '[.stigs[0].rules[] | select(.old) | .["check-source"]] | unique' f.json)"
