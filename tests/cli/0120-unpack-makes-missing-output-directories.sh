# -o DIR makes DIR and its missing parents, like mkdir -p; a DIR that
# cannot be made (under a regular file, or empty) is one error naming it.
X=tests/fixtures/xccdf/exch19-edge-3rules-xccdf.xml
run() { "$STIGDIFF" "$@" > "$TMP/log" 2>&1; echo "exit=$?"; sed "s|$TMP|TMP|" "$TMP/log"; }
run unpack -o "$TMP/a/b/c" $X
ls "$TMP/a/b/c"
: > "$TMP/file"
run unpack -o "$TMP/file/sub" $X
run unpack -o "" $X
