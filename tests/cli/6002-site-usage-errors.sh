# site needs -o DIR and a corpus; a directory holding other files is not
# taken for a site unless --force.
run() { "$STIGDIFF" "$@" > "$TMP/out" 2>&1; rc=$?; sed "s|$TMP|TMP|g" "$TMP/out"; echo "exit=$rc"; }
run site
run site -o "$TMP/s" extra
run site -C "$TMP/nowhere" -o "$TMP/s"
$STIGDIFF corpus init "$TMP/c" >/dev/null
$STIGDIFF corpus import -C "$TMP/c" corpus/reconstructed >/dev/null
mkdir "$TMP/other" && echo keep > "$TMP/other/notes.txt"
run site -C "$TMP/c" -o "$TMP/other"
run site -C "$TMP/c" -o "$TMP/other" --force
cat "$TMP/other/notes.txt"
run export -C "$TMP/c" --format yaml
run export -C "$TMP/c" no-such-benchmark
