# OLD and NEW of different benchmarks: refused unless --force, which warns.
"$STIGDIFF" diff tests/fixtures/diff/other-benchmark.xml tests/fixtures/diff/new.xml
echo "exit=$?"
"$STIGDIFF" diff --force --only added tests/fixtures/diff/other-benchmark.xml tests/fixtures/diff/new.xml
echo "exit=$?"
# A later release as OLD: a warning, the diff still runs.
"$STIGDIFF" diff --only removed,added tests/fixtures/diff/new.xml tests/fixtures/diff/old.xml
echo "exit=$?"
