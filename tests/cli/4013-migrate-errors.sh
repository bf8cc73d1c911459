# Usage errors and inputs migrate refuses: one line each, exit 2, nothing
# written; --force migrates to an unrelated benchmark, with a warning.
X=corpus/xccdf F=tests/fixtures/checklist W=$TMP/w
mkdir "$W"
"$STIGDIFF" migrate $F/all-possible-results.cklb --to $X/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml -o "$W/new.cklb"; echo "exit=$?"
"$STIGDIFF" checklist new -o "$W/cas.ckl" $X/U_MS_Exchange_2013_CAS_STIG_V2R2_Manual-xccdf.xml
"$STIGDIFF" migrate "$W/cas.ckl" --to $X/U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml -o "$W/new.ckl" 2>&1 | sed "s|$W/||g"
"$STIGDIFF" migrate $X/U_MS_Exchange_2013_CAS_STIG_V2R2_Manual-xccdf.xml --to $X/U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml -o "$W/new.ckl"; echo "exit=$?"
cd "$W"
"$STIGDIFF" migrate cas.ckl -o new.ckl; echo "exit=$?"
cd "$OLDPWD"
"$STIGDIFF" migrate "$W/cas.ckl" --to $X/U_MS_Exchange_2013_CAS_STIG_V2R2_Manual-xccdf.xml --format pdf; echo "exit=$?"
"$STIGDIFF" migrate "$W/cas.ckl" --to $X/U_MS_Exchange_2013_CAS_STIG_V2R2_Manual-xccdf.xml --accept-below 2; echo "exit=$?"
"$STIGDIFF" migrate "$W/cas.ckl" --to $X/U_MS_Exchange_2013_CAS_STIG_V2R2_Manual-xccdf.xml -o -; echo "exit=$?"
"$STIGDIFF" migrate "$W/cas.ckl" --to missing.xml; echo "exit=$?"
# An existing output: refused, and the report is not written either.
echo keep > "$W/new.ckl"
"$STIGDIFF" migrate "$W/cas.ckl" --to $X/U_MS_Exchange_2013_CAS_STIG_V2R2_Manual-xccdf.xml -o "$W/new.ckl" --report "$W/r.md" 2>&1 | sed "s|$W/||g"
cat "$W/new.ckl"
ls "$W"
"$STIGDIFF" migrate --force "$W/cas.ckl" --to $X/U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml -o "$W/forced.ckl" --report "$W/r.md"; echo "exit=$?"
"$STIGDIFF" checklist check "$W/forced.ckl" | sed "s|$W/||g"
# The checklist and the report naming one file, even with --force; a
# report that cannot be written to standard output: no checklist saved.
cd "$W"
"$STIGDIFF" migrate --force cas.ckl --to "$OLDPWD/$X/U_MS_Exchange_2013_CAS_STIG_V2R2_Manual-xccdf.xml" -o both.ckl --report ./both.ckl; echo "exit=$?"
"$STIGDIFF" migrate cas.ckl --to "$OLDPWD/$X/U_MS_Exchange_2013_CAS_STIG_V2R2_Manual-xccdf.xml" -o full.ckl > /dev/full; echo "exit=$?"
ls
cd "$OLDPWD"
