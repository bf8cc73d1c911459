# A DISA zip holding three benchmarks: --benchmark picks one; without it
# the error lists them.
Z="$SHARED/disa/zips/U_MS_Exchange_2013_Y21M12_STIG.zip"
[ -f "$Z" ] || { echo "SKIP: $Z is absent"; exit 77; }
"$STIGDIFF" diff corpus/xccdf/U_MS_Exchange_2013_CAS_STIG_V1R3_Manual-xccdf.xml "$Z" > "$TMP/o" 2>&1
echo "exit=$?"
sed "s|$SHARED|SHARED|g" "$TMP/o"
"$STIGDIFF" diff --benchmark MS_Exchange_2013_CAS_STIG corpus/xccdf/U_MS_Exchange_2013_CAS_STIG_V1R3_Manual-xccdf.xml "$Z" > "$TMP/o" 2>&1
echo "exit=$?"
head -1 "$TMP/o"
# The SCAP data stream (XCCDF 1.2) against its own normalized form.
D="$SHARED/disa/zips/U_MS_Edge_V1R3_STIG_SCAP_1-2_Benchmark.zip"
"$STIGDIFF" normalize -o "$TMP/edge.xml" "$D" && "$STIGDIFF" diff "$D" "$TMP/edge.xml"
echo "exit=$?"
