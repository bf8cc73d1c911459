# Every command in `stigdiff help` has its page docs/stigdiff-COMMAND.md,
# which docs/stigdiff.md names; every option its --help prints (and each
# corpus and checklist subcommand's) is a definition in the page's
# OPTIONS section, its short form on the same line; every page has its
# title line with a summary and its sections in order, and converts to a
# man page groff renders without a warning (tests/docs-check.py,
# docs/README.md "How a page is written").
python3 tests/docs-check.py "$STIGDIFF" docs; echo "exit=$?"
echo "--- a page without an option, a short form moved away, a page missing, a section out of order, a title without its summary"
cp -r docs "$TMP/docs"
sed -i '/^`--strict`/,+1d' "$TMP/docs/stigdiff-diff.md"
sed -i 's/^`-o`, `--output=FILE`$/`--output=FILE`/' "$TMP/docs/stigdiff-map.md"
rm "$TMP/docs/stigdiff-cci.md"
sed -i 's/^## EXAMPLES$/## EXAMPLE/' "$TMP/docs/stigdiff-site.md"
sed -i '1s/ -- .*//' "$TMP/docs/stigdiff-export.md"
python3 tests/docs-check.py "$STIGDIFF" "$TMP/docs" > "$TMP/problems"; echo "exit=$?"
sed "s|$TMP/||" "$TMP/problems"
