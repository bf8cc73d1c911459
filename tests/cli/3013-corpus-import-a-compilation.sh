# A quarterly compilation in small (tests/fixtures/library/compilation.zip:
# a manual STIG, the SCAP benchmark of the same product at another
# version, an automation package carrying a copy of the STIG, a bundle
# holding only a .sql script, an iOS profile, an overview-only zip):
# imported with exit 0 and no error; SCAP content is a line of its own,
# linked to its manual sibling; the copy in the package is unchanged;
# everything else is a note with --verbose.
L=tests/fixtures/library
run() { "$STIGDIFF" "$@" > "$TMP/out" 2>&1; rc=$?; sed "s|$L/||g" "$TMP/out"; echo "exit=$rc"; }
$STIGDIFF corpus init "$TMP/c" >/dev/null
run corpus import --verbose -C "$TMP/c" $L/compilation.zip
$STIGDIFF corpus list -C "$TMP/c"
$STIGDIFF corpus list -C "$TMP/c" --format json | jq -c '.lines[] | {line, kind, latest, siblings}'
# What a user means by the STIG is the manual line.
$STIGDIFF corpus show -C "$TMP/c" ms-edge | sed -n '/^version-label/p;/^\[line/,$p'
$STIGDIFF corpus show -C "$TMP/c" MS_Edge_STIG@latest | grep '^version-label'
# Drafts are releases of their line, marked, and never its latest when
# it has another.
$STIGDIFF corpus import -C "$TMP/c" $L/uc-endpoint-V1R0-1-draft.xml
$STIGDIFF corpus list -C "$TMP/c" --format json uc-endpoint-srg | jq -c '{kind: .kind, latest: .latest, history: [.history[] | {label: .label, draft: .draft}]}'
git -C "$TMP/c" fsck --strict --no-dangling && echo "fsck clean"
# The site names each line's sibling and says what SCAP content is.
$STIGDIFF site -C "$TMP/c" -o "$TMP/site" --no-lineage >/dev/null
grep -o '<p class="siblings">[^/]*' "$TMP/site/stig/ms-edge/index.html"
grep -o '<p class="kind">SCAP benchmark content' "$TMP/site/stig/ms-edge-scap/index.html"
grep -o '<td[^>]*>V1R0.1 (draft)</td>' "$TMP/site/stig/uc-endpoint-srg/index.html" | sed 's/<td[^>]*>/<td>/'
