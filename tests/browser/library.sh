# Sourced by run.sh after the embedded corpus's checks: the site of the
# DISA library slice ($SHARED/disa/library, SHARED defaulting to the
# ../shared beside the checkout), as a new user would make it (corpus
# import of the zips and XCCDF files, site --no-lineage), checked in
# chromium:
#   - a two-word search loads less than 1 MB (every file the page asked
#     the server for, by the server's log), and a STIG id of two words
#     (DTBC-0001) ranks its own rule first;
#   - search and compare work from file://;
#   - no page has a wrapped id column at 1280 pixels (wrapcheck.html: the
#     home page, every benchmark and compare page, a rule page of each
#     benchmark, the RMF and digest pages).
# Skipped, saying so, when the slice is absent. SD_LIB_CORPUS and
# SD_LIB_SITE name a corpus and site of it made already (faster while
# developing).
LIB=${SHARED:-$HERE/../../../shared}/disa/library
echo "==> the site of the DISA library slice ($LIB)"
if [ ! -d "$LIB/xccdf" ] || [ ! -d "$LIB/zips" ]; then
	echo "SKIPPED: the library checks: no $LIB (../shared is absent)"
	return 0 2> /dev/null || exit 0
fi
L=$WORK/lib
mkdir -p "$L"
if [ -n "${SD_LIB_CORPUS:-}" ] && [ -d "${SD_LIB_SITE:-}" ]; then
	# While developing: a corpus and site made already.
	ln -s "$(cd "$SD_LIB_CORPUS" && pwd)" "$L/c"
	ln -s "$(cd "$SD_LIB_SITE" && pwd)" "$L/site"
	echo "    using $SD_LIB_SITE (SD_LIB_SITE) and $SD_LIB_CORPUS (SD_LIB_CORPUS)"
else
	"$BIN" corpus init "$L/c" > /dev/null
	"$BIN" corpus import -q -C "$L/c" "$LIB/zips" "$LIB/xccdf" > "$OUT/lib-import.txt" 2>&1
	rc=$?
	if [ "$rc" -gt 1 ]; then
		tail -n 5 "$OUT/lib-import.txt"
		echo "FAIL lib-import (exit $rc)"
		failed=$((failed + 1))
		return 0 2> /dev/null || exit 0
	fi
	start=$(date +%s.%N)
	if ! "$BIN" site -q -C "$L/c" -o "$L/site" --no-lineage > "$OUT/lib-site.txt" 2>&1; then
		tail -n 5 "$OUT/lib-site.txt"
		echo "FAIL lib-site"
		failed=$((failed + 1))
		return 0 2> /dev/null || exit 0
	fi
	end=$(date +%s.%N)
	printf '    %s benchmarks, %s pages, %s files, %s MB, %.0f s\n' \
		"$(ls "$L/site/stig" | wc -l)" "$(find "$L/site" -name '*.html' | wc -l)" \
		"$(find "$L/site" -type f | wc -l)" "$(du -sm "$L/site" | cut -f1)" \
		"$(echo "$end - $start" | bc)"
fi

LPORT=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$PY" -m http.server --bind 127.0.0.1 "$LPORT" -d "$L" > "$OUT/lib-http.log" 2>&1 &
LSERVER=$!
for _ in $(seq 50); do
	"$PY" -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$LPORT/site/index.html')" \
		2> /dev/null && break
	sleep 0.1
done
LBASE=http://127.0.0.1:$LPORT

# lib_search NAME QUERY: the search page of QUERY, its DOM in
# OUT/NAME.dom.html and the bytes of every file it asked for in
# OUT/NAME.bytes ("N files, B bytes").
lib_search() {
	local before
	before=$(wc -l < "$OUT/lib-http.log")
	chrome "$1" --dump-dom "$LBASE/site/search.html?q=$2" > "$OUT/$1.dom.html"
	sleep 0.2
	tail -n +"$((before + 1))" "$OUT/lib-http.log" | "$PY" -c '
import os, re, sys
from urllib.parse import unquote, urlsplit
root, n, total = sys.argv[1], 0, 0
for line in sys.stdin:
    m = re.search(r"\"GET (\S+) HTTP/[0-9.]+\" 200", line)
    if not m:
        continue
    p = os.path.join(root, unquote(urlsplit(m.group(1)).path).lstrip("/"))
    if os.path.isfile(p):
        n, total = n + 1, total + os.path.getsize(p)
print("%d files, %d bytes" % (n, total))' "$L" > "$OUT/$1.bytes"
}
# under_1mb NAME: the page asked for less than 1 MB in all.
under_1mb() {
	cat "$OUT/$1.bytes"
	[ "$(awk '{ print $3 }' "$OUT/$1.bytes")" -lt 1048576 ]
}

lib_search lib-search telnet+server
check lib-search "$PY" "$HERE/check_dom.py" search "$OUT/lib-search.dom.html" \
	"$L/site" search.html "telnet"
check lib-search-bytes under_1mb lib-search
lib_search lib-search-id DTBC-0001
check lib-search-id "$PY" "$HERE/check_dom.py" first "$OUT/lib-search-id.dom.html" \
	"$L/site" search.html DTBC-0001
check lib-search-id-bytes under_1mb lib-search-id
chrome lib-search-shot --hide-scrollbars --window-size=1280,2000 \
		--screenshot="$OUT/lib-search.png" "$LBASE/site/search.html?q=telnet+server" > /dev/null
chrome lib-home-shot --hide-scrollbars --window-size=1280,2000 \
	--screenshot="$OUT/lib-home.png" "$LBASE/site/index.html" > /dev/null

# From file://: search, and the compare form of the first benchmark with
# more than one release, its first release against its latest: the
# status line counts the changes and #compare-result lists them.
fpage lib-search-file "$L/site/search.html?q=telnet+server"
check lib-search-file "$PY" "$HERE/check_dom.py" search \
	"$OUT/lib-search-file.dom.html" "$L/site" search.html "telnet"
"$BIN" corpus list -C "$L/c" | awk -F'\t' '$2 > 1 { print $1; exit }' > "$WORK/lib-slug"
slug=$(cat "$WORK/lib-slug")
first=$("$BIN" corpus list -C "$L/c" "$slug" | head -n 1 | cut -f1 | sed 's/.*@//')
latest=$("$BIN" corpus list -C "$L/c" "$slug" | tail -n 1 | cut -f1 | sed 's/.*@//')
fpage lib-compare-file "$L/site/stig/$slug/compare.html?from=$first&to=$latest"
lib_compare() {
	grep -o '<p id="status"[^>]*>[^<]*' "$OUT/lib-compare-file.dom.html" | sed 's/.*>//'
	grep -q '<div id="compare-result"><' "$OUT/lib-compare-file.dom.html" &&
		! grep -q 'Cannot load' "$OUT/lib-compare-file.dom.html"
}
check lib-compare-file lib_compare

# No wrapped id column at 1280 pixels.
(
	cd "$L" || exit 1
	{
		echo "site/index.html"
		echo "site/rmf/index.html"
		[ -f site/digest/index.html ] && echo "site/digest/index.html"
		ls site/digest/*-Q*.html 2> /dev/null | tail -n 8
		ls site/rmf/*.html | grep -v index.html | head -n 20
		for d in site/stig/*/; do
			echo "${d}index.html"
			echo "${d}compare.html"
			ls "$d" | grep -m 1 '^V-.*\.html$' | sed "s|^|$d|"
		done
	} | "$PY" -c 'import json, sys; print("var PAGES = %s;" % json.dumps([l.strip() for l in sys.stdin if l.strip()]))' > wrap-pages.js
)
cp "$HERE/wrapcheck.html" "$L/wrapcheck.html"
wrapcheck() {
	timeout 900 "$CHROMIUM" --headless=new --no-sandbox --disable-gpu \
		--user-data-dir="$WORK/profile-wrap" --no-first-run \
		--disable-background-networking --disable-component-update \
		--disable-features=AutofillServerCommunication \
		--host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1" \
		--proxy-server=127.0.0.1:9 --window-size=1400,1000 \
		--virtual-time-budget=3600000 --dump-dom "$LBASE/wrapcheck.html" \
		2>> "$OUT/chromium.log" > "$OUT/lib-wrap.dom.html"
	"$PY" -c '
import html, re, sys
t = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r"<pre id=\"out\">(.*?)</pre>", t, re.S)
out = html.unescape(m.group(1)) if m else "no result"
print(out)
sys.exit(0 if out.startswith("checked") and "WRAPPED" not in out else 1)' "$OUT/lib-wrap.dom.html"
}
check lib-wrap wrapcheck
kill "$LSERVER" 2> /dev/null
