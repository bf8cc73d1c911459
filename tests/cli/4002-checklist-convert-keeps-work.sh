# .ckl -> .cklb -> .ckl keeps the statuses, details and comments; the
# Evaluate-STIG comments survive a .ckl round trip; each output passes the
# structural check.
F=tests/fixtures/checklist/ResultEngineWithEvalStigModuleAndOverride.ckl
"$STIGDIFF" checklist convert -o "$TMP/a.cklb" "$F"; echo "exit=$?"
"$STIGDIFF" checklist convert -o "$TMP/b.ckl" "$TMP/a.cklb"; echo "exit=$?"
"$STIGDIFF" checklist convert --format ckl -o "$TMP/c.ckl" "$F"; echo "exit=$?"
"$STIGDIFF" checklist check "$TMP/a.cklb" "$TMP/b.ckl" | sed "s|$TMP/||"
for f in "$F" "$TMP/a.cklb" "$TMP/b.ckl"; do
	"$STIGDIFF" checklist stats --format json "$f" | grep -v '"source"\|"format"\|"checklist-format"' | md5sum
done
grep -c 'Evaluate-STIG' "$TMP/c.ckl"
grep '<FINDING_DETAILS>' "$TMP/b.ckl"
# A second round trip changes nothing.
"$STIGDIFF" checklist convert -o - "$TMP/c.ckl" --format ckl | cmp - "$TMP/c.ckl" && echo stable
