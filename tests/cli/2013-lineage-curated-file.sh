# Curated-link files: a broken one is refused naming the line; --in reads
# other benchmarks; --no-curated leaves EMG2-803 with candidates only.
F=tests/fixtures/match
printf 'EMG2-803\tExch-2-766\tcurated\treason only\n' > "$TMP/bad.tsv"
"$STIGDIFF" lineage --curated "$TMP/bad.tsv" EMG2-803 2>"$TMP/err"
echo "exit=$?"
sed "s|$TMP|TMP|" "$TMP/err"
"$STIGDIFF" lineage --no-curated EMG2-803
echo "exit=$?"
"$STIGDIFF" lineage --in $F/dup-ids-old.xml --in $F/dup-ids-new.xml --no-curated DUP-002 2>/dev/null
echo "exit=$?"
