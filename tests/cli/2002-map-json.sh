# JSON output: benchmarks, a summary of kinds and each pair with its
# similarities; duplicate ids are not trusted, so content decides.
"$STIGDIFF" map --format json tests/fixtures/match/dup-ids-old.xml tests/fixtures/match/dup-ids-new.xml
echo "exit=$?"
