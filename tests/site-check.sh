#!/bin/sh
# site-check.sh DIR: check a site written by `stigdiff site` and print one
# line per kind of check with its count of problems (0 everywhere for a
# good site), then each problem. Checks: libxml2's HTML parser reports no
# error (other than not knowing HTML5's sectioning elements: it parses
# HTML 4); each page has the HTML5 doctype, a lang, one <title> and one
# <h1>, headings that never skip a level, a <label> for each <input>;
# every relative href and src names a file of the site; rule pages stay
# under 100 KB.
set -u
DIR=$1
P=$(mktemp)
trap 'rm -f "$P" "$P.pages" "$P.out"' EXIT
cd "$DIR" || exit 2
find . -name '*.html' | sort > "$P.pages"

# libxml2's HTML parser, errors counted.
xargs xmllint --html --noout < "$P.pages" 2>&1 |
	grep 'parser error' |
	grep -Ev 'Tag (header|nav|main|section|footer|article|details|summary) invalid' |
	sed 's/^/html: /' >> "$P"

# Structure, headings, labels and links: one awk pass over every page.
xargs awk '
function done_file() {
	if (f == "") return
	if (titles != 1) print "structure: " f ": " titles + 0 " titles"
	if (h1 != 1) print "structure: " f ": " h1 + 0 " h1"
	for (i in inputs) if (!(i in labels)) print "labels: " f ": input " i " has no label"
}
BEGIN { RS = "<" }
FNR == 1 {
	done_file()
	f = FILENAME; d = f; sub(/\/[^\/]*$/, "", d)
	h = 0; h1 = 0; titles = 0; split("", inputs); split("", labels)
}
FNR == 2 && $0 !~ /^!DOCTYPE html/ { print "structure: " f ": no HTML5 doctype" }
/^html / && $0 !~ /lang="/ { print "structure: " f ": no lang" }
/^title>/ { titles++ }
/^h[1-6][ >]/ {
	n = substr($0, 2, 1) + 0
	if (n == 1) h1++
	if (n > h + 1) print "headings: " f ": h" n " after h" h
	h = n
}
/^input / { match($0, /id="[^"]*"/); inputs[substr($0, RSTART + 4, RLENGTH - 5)] = 1 }
/^label / { match($0, /for="[^"]*"/); labels[substr($0, RSTART + 5, RLENGTH - 6)] = 1 }
/^(a|link|script|img) / {
	while (match($0, /(href|src)="[^"]*"/)) {
		v = substr($0, RSTART, RLENGTH); $0 = substr($0, RSTART + RLENGTH)
		sub(/^[a-z]*="/, "", v); sub(/"$/, "", v)
		if (v ~ /^(https?:|mailto:|\/\/)/) { print "links: " f ": external " v; continue }
		if (v ~ /^#/) continue
		sub(/[#?].*/, "", v)
		print "LINK " f " " d "/" v
	}
}
END { done_file() }' < "$P.pages" > "$P.out"
grep -v '^LINK ' "$P.out" >> "$P"
# Each distinct target once.
grep '^LINK ' "$P.out" | sort -k3,3 -u | while read -r _ f t; do
	[ -e "$t" ] || echo "links: $f: $t does not exist"
done >> "$P"

# Rule pages under 100 KB.
find ./stig -name 'V-*.html' -size +100k | sed 's/^/size: over 100 KB: /' >> "$P"

echo "pages: $(wc -l < "$P.pages")"
for k in html structure headings labels links size; do
	echo "$k: $(grep -c "^$k:" "$P")"
done
cat "$P"
