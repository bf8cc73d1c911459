# The site's search script cuts a query into words exactly as stigdiff's
# tokenizer cut the index (stigdiff/util/words.h): the cases
# tests/util/check_words.c holds the C side to, run through xslt/search.js.
command -v node >/dev/null || { echo "SKIP: no node"; exit 77; }
node tests/words-test.js xslt/search.js tests/fixtures/words/cases.tsv
echo "exit $?"
