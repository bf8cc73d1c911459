# A symlink already sitting at the output name is never written through:
# refused without --force, replaced (not followed) with it.
X=tests/fixtures/xccdf/exch19-edge-3rules-xccdf.xml
mkdir "$TMP/out" && echo "victim" > "$TMP/victim"
ln -s "$TMP/victim" "$TMP/out/MS_Exchange_2019_Edge_Server_STIG_V2R2.xml"
"$STIGDIFF" unpack -o "$TMP/out" $X > "$TMP/log" 2>&1; echo "exit=$?"
sed "s|$TMP|TMP|" "$TMP/log"
"$STIGDIFF" unpack --force -o "$TMP/out" $X > "$TMP/log" 2>&1; echo "exit=$?"
sed "s|$TMP|TMP|" "$TMP/log"
cat "$TMP/victim"
test -L "$TMP/out/MS_Exchange_2019_Edge_Server_STIG_V2R2.xml" && echo "still a link" || echo "now a file"
