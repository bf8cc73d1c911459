# The inputs a fuzzer found crashing the XCCDF reader (../shared/reproducers,
# copied to tests/fixtures/reproducers): an element out of its place is
# ignored with a warning naming its line, the benchmark is read, and in a
# directory or a zip the files beside it are read too.
R=tests/fixtures/reproducers
"$STIGDIFF" unpack $R/check-outside-rule.xml $R/fixtext-in-skipped-rule.xml \
	$R/second-check-leak.xml $R/reproducers.zip
echo "exit=$?"
# A corpus import of a directory holding one of them and three good
# releases imports all four (a crash here once imported nothing).
mkdir "$TMP/in"
cp $R/check-outside-rule.xml corpus/xccdf/*2019_Edge* "$TMP/in/"
"$STIGDIFF" corpus init "$TMP/c" >/dev/null
"$STIGDIFF" corpus import -C "$TMP/c" "$TMP/in" 2>&1 | sed "s|$TMP|TMP|g"
git -C "$TMP/c" tag | sort
