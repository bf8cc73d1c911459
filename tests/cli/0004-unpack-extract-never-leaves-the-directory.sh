# Member names with ../, absolute paths and symlinks cannot place a file
# outside -o DIR: names come from the benchmark, made safe.
R=$(pwd)
mkdir "$TMP/sub" && cd "$TMP/sub" || exit 1
"$STIGDIFF" unpack -o out "$R/tests/fixtures/zips/traversal.zip" \
	"$R/tests/fixtures/zips/nested.zip" > "$TMP/log" 2>&1
echo "exit=$?"
sed "s|$R/||" "$TMP/log"
cd "$TMP" && find sub | sort
