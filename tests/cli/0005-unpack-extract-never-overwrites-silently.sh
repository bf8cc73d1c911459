# Same content again: left alone. Different content: refused unless --force.
X=tests/fixtures/xccdf/exch19-edge-3rules-xccdf.xml
O=$TMP/out/MS_Exchange_2019_Edge_Server_STIG_V2R2.xml
run() { "$STIGDIFF" "$@" > "$TMP/log" 2>&1; echo "exit=$?"; sed "s|$TMP|TMP|" "$TMP/log"; }
run unpack -o "$TMP/out" $X
run unpack -o "$TMP/out" $X
echo changed > "$O"
run unpack -o "$TMP/out" $X
cat "$O"
run unpack --force -o "$TMP/out" $X
cmp "$O" $X && echo identical
ls "$TMP/out"
