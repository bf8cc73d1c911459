# NEW_BENCHMARK may be a DISA zip; a zip holding several benchmarks needs
# --benchmark to say which.
[ -d "$SHARED/disa/zips" ] || { echo "SKIP: $SHARED/disa/zips is absent"; exit 77; }
R=$PWD X=$PWD/corpus/xccdf Z=$SHARED/disa/zips
cd "$TMP"
"$STIGDIFF" checklist new -o e14.ckl "$X/U_MS_Exchange_2010_Edge_STIG_V1R14_Manual-xccdf.xml"
sh "$R/tests/fill-checklist.sh" e14.ckl > filled.ckl
"$STIGDIFF" migrate filled.ckl --to "$Z/U_MS_Exchange_2010_Edge_V1R15_STIG.zip" -o e15.ckl --report e15.md
echo "exit=$?"
"$STIGDIFF" checklist check e15.ckl
"$STIGDIFF" checklist new -o m.ckl "$X/U_MS_Exchange_2013_Mailbox_STIG_V2R1_Manual-xccdf.xml"
"$STIGDIFF" migrate m.ckl --to "$Z/U_MS_Exchange_2013_Y21M12_STIG.zip" -o m2.ckl 2>&1 | sed "s|$Z/||g"
"$STIGDIFF" migrate m.ckl --to "$Z/U_MS_Exchange_2013_Y21M12_STIG.zip" --benchmark MS_Exchange_2013_Mailbox_STIG -o m2.ckl --report m2.md
echo "exit=$?"
"$STIGDIFF" checklist stats m2.ckl | head -3
