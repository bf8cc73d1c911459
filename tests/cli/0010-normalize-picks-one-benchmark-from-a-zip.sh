# A DISA zip holding three STIGs: --benchmark picks one by id.
[ -f "$SHARED/disa/zips/U_MS_Exchange_2013_Y21M12_STIG.zip" ] || { echo "SKIP: shared zips absent"; exit 77; }
Z="$SHARED/disa/zips/U_MS_Exchange_2013_Y21M12_STIG.zip"
"$STIGDIFF" normalize --benchmark MS_Exchange_2013_CAS_STIG "$Z" > "$TMP/cas.xml"; echo "exit=$?"
grep -c '<rule ' "$TMP/cas.xml"
grep -o '<version-label>[^<]*' "$TMP/cas.xml"
grep -c '<benchmark ' "$TMP/cas.xml"
"$STIGDIFF" normalize "$Z" > "$TMP/all.xml"; echo "exit=$?"
grep -o '<benchmark id="[^"]*"' "$TMP/all.xml"
"$STIGDIFF" normalize --benchmark No_Such "$Z" > "$TMP/err" 2>&1; rc=$?
sed "s|$SHARED|SHARED|" "$TMP/err"; echo "exit=$rc"
