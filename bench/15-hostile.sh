# Entity declarations (billion laughs, external entities) are refused
# before anything is expanded or fetched: refusing each takes about as
# long as reading a small valid file (the floor). Was a unit test's
# wall-clock bound (check_xccdf.c) before issue 18.
refuse() { "$SD" normalize "$1" >/dev/null 2>&1 || true; }
small=tests/fixtures/xml/whitespace.xml
floor=$(best_time refuse "$small")
echo "hostile XML refused:"
report "stigdiff normalize, a small valid file (floor)" "$(printf '%.1f ms' "$(echo "$floor * 1000" | bc -l)")"
for f in billion-laughs xxe xxe-parameter; do
	t=$(best_time refuse "tests/fixtures/xml/$f.xml")
	report "refusing $f.xml" "$(printf '%.1f ms' "$(echo "$t * 1000" | bc -l)")" "(ratio $(ratio "$t" "$floor"), target < 2)"
done
