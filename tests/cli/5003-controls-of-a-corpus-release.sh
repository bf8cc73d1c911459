# A corpus release BENCH[@VERSION] (-C DIR or $STIGDIFF_CORPUS) gives the
# same listing as the file it was imported from.
X=corpus/xccdf/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml
"$STIGDIFF" corpus init "$TMP/c" >/dev/null
"$STIGDIFF" corpus import -C "$TMP/c" corpus/xccdf/U_MS_Exchange_2019_Edge_Server_STIG_V2R*_Manual-xccdf.xml >/dev/null; echo "import exit=$?"
"$STIGDIFF" controls --format csv "$X" > "$TMP/file.csv"; echo "exit=$?"
"$STIGDIFF" controls --format csv -C "$TMP/c" ms-exchange-2019-edge-server@V2R2 > "$TMP/corpus.csv"; echo "exit=$?"
cmp "$TMP/file.csv" "$TMP/corpus.csv" && echo same
STIGDIFF_CORPUS="$TMP/c" "$STIGDIFF" controls ms-exchange-2019-edge-server | head -n 1; echo "exit=$?"
"$STIGDIFF" controls -C "$TMP/c" ms-exchange-2019-edge-server@V9R9; echo "exit=$?"
"$STIGDIFF" controls -C "$TMP/c" ms-exchange-2019-edge-server@V2R2:V-259642; echo "exit=$?"
