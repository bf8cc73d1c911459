# corpus init makes a bare repository marked as a corpus; a second init
# says so; a directory holding other files is refused.
run() { "$STIGDIFF" "$@" > "$TMP/out" 2>&1; rc=$?; sed "s|$TMP|TMP|g" "$TMP/out"; echo "exit=$rc"; }
run corpus init "$TMP/c"
git -C "$TMP/c" rev-parse --is-bare-repository
git -C "$TMP/c" config stigdiff.format
git -C "$TMP/c" symbolic-ref HEAD
run corpus init "$TMP/c"
mkdir "$TMP/other" && echo x > "$TMP/other/file"
run corpus init "$TMP/other"
git init -q "$TMP/plain"
run corpus list -C "$TMP/plain"
run corpus list -C "$TMP/nowhere"
STIGDIFF_CORPUS="$TMP/c" run corpus list
run corpus init
run corpus frobnicate
