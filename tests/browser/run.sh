#!/usr/bin/env bash
# make test-browser: the site of the embedded corpus, checked as files and
# in headless chromium served from localhost.
#
#   tests/browser/run.sh BIN OUT [--site DIR]
#
# BIN is build/stigdiff; OUT (build/test-browser) receives the reports,
# the rendered DOMs, the net logs and the screenshots home.png, rule.png,
# search.png and compare.png. Without --site the embedded corpus (corpus/) is
# imported into a temporary corpus and `BIN site` renders it into a
# temporary directory; --site DIR checks an existing site instead (the
# hand-written fixture: tests/browser/run.sh build/stigdiff OUT --site
# tests/browser/fixture). SD_KEEP=1 keeps the temporary directory;
# CHROMIUM names another chromium binary.
#
# Steps: the checkers' self-test (selftest.sh); links, HTML5, accessibility
# and Turtle on the files; then chromium: home, two rule pages, a search,
# the compare form, screenshots, and no request of the site leaving
# localhost (net logs); search and compare from file://; then the site of
# the DISA library slice (library.sh; skipped when ../shared is absent).
# When chromium is missing (make test-browser installs it; this script
# never does) the browser steps are skipped with a SKIPPED line and the
# status is that of the file checks. Exit 0 when every check passed.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=${1:?usage: run.sh BIN OUT [--site DIR]}
OUT=${2:?usage: run.sh BIN OUT [--site DIR]}
SITE=
if [ "${3:-}" = --site ]; then
	SITE=${4:?--site needs a directory}
fi
PY=${PYTHON:-python3}
CHROMIUM=${CHROMIUM:-chromium}

rm -rf "$OUT"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/stigdiff-browser-XXXXXX")
SERVER=
cleanup() {
	[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null
	[ -n "${LSERVER:-}" ] && kill "$LSERVER" 2>/dev/null
	if [ "${SD_KEEP:-}" = 1 ]; then
		echo "kept $WORK"
	else
		rm -rf "$WORK"
	fi
}
trap cleanup EXIT

failed=0
# check NAME CMD...: run CMD with its output in OUT/NAME.txt; print the
# output's summary and problem lines (the first 40) and ok or FAIL.
check() {
	local name=$1
	shift
	if "$@" > "$OUT/$name.txt" 2>&1; then
		sed -n '1,40p' "$OUT/$name.txt" | sed 's/^/    /'
		echo "ok   $name"
	else
		sed -n '1,40p' "$OUT/$name.txt" | sed 's/^/    /'
		n=$(wc -l < "$OUT/$name.txt")
		[ "$n" -gt 40 ] && echo "    ... $n lines in $OUT/$name.txt"
		echo "FAIL $name"
		failed=$((failed + 1))
	fi
}

echo "==> self-test of the checkers (tests/browser/fixture and broken copies)"
check selftest sh "$HERE/selftest.sh"

if [ -z "$SITE" ]; then
	if ! "$BIN" help site > /dev/null 2>&1; then
		echo "error: '$BIN' has no 'site' command: 'stigdiff site' is not" \
			"built yet (branch site not merged?); nothing to test" >&2
		exit 1
	fi
	echo "==> the site of the embedded corpus ($WORK/site)"
	"$BIN" corpus init "$WORK/c" > /dev/null &&
	"$BIN" corpus import -C "$WORK/c" --curated corpus/lineage/curated.tsv \
		corpus > "$OUT/import.txt" 2>&1 || {
		cat "$OUT/import.txt" >&2
		echo "error: cannot import the embedded corpus" >&2
		exit 1
	}
	start=$(date +%s.%N)
	if ! "$BIN" site -C "$WORK/c" -o "$WORK/site" > "$OUT/site.txt" 2>&1; then
		cat "$OUT/site.txt" >&2
		echo "error: '$BIN site' failed" >&2
		exit 1
	fi
	end=$(date +%s.%N)
	SITE=$WORK/site
	printf '    %s pages, %s files, %.2f s\n' \
		"$(find "$SITE" -name '*.html' | wc -l)" \
		"$(find "$SITE" -type f | wc -l)" "$(echo "$end - $start" | bc)"
	# Every benchmark of the corpus has its page.
	"$BIN" corpus list -C "$WORK/c" | cut -f1 > "$WORK/slugs"
	missing=
	while read -r slug; do
		[ -f "$SITE/stig/$slug/index.html" ] || missing="$missing $slug"
	done < "$WORK/slugs"
	if [ -n "$missing" ]; then
		echo "    no benchmark page for:$missing"
		echo "FAIL benchmark-pages"
		failed=$((failed + 1))
	else
		echo "ok   benchmark-pages ($(wc -l < "$WORK/slugs") benchmarks)"
	fi
fi
SITE=$(cd "$SITE" && pwd)

echo "==> the files"
R2003=stig/microsoft-exchange-2003/V-18703.html
R2019=stig/ms-exchange-2019-edge-server/V-259642.html
check links "$PY" "$HERE/linkcheck.py" "$SITE"
check html "$PY" "$HERE/validate.py" "$SITE"
check a11y "$PY" "$HERE/a11y.py" "$SITE"
check turtle "$PY" "$HERE/turtle.py" "$SITE"
# Pages other than search work without JavaScript: EMG2-803's page as
# served, before any script ran (chromium's --dump-dom needs scripts).
check rule-without-javascript "$PY" "$HERE/check_dom.py" rule \
	"$SITE/$R2003" "$SITE" "$R2003" --text EMG2-803 --lineage-link "$R2019"

echo "==> chromium"
if ! command -v "$CHROMIUM" > /dev/null; then
	echo "SKIPPED: the browser checks: chromium is not installed and" \
		"'make test-browser' could not install it (Debian package chromium)"
	echo "$failed failed"
	[ "$failed" -eq 0 ]
	exit
fi
"$CHROMIUM" --version 2>/dev/null | sed 's/^/    /'

PORT=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$PY" -m http.server --bind 127.0.0.1 "$PORT" -d "$SITE" \
	> "$OUT/http.log" 2>&1 &
SERVER=$!
for _ in $(seq 50); do
	"$PY" -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$PORT/index.html')" \
		2> /dev/null && break
	sleep 0.1
done
BASE=http://127.0.0.1:$PORT
echo "    serving $SITE on $BASE"

# chrome NAME ARGS... URL: headless chromium with its own profile and net
# log (OUT/netlog-NAME.json). Every host but localhost resolves to nowhere
# and everything else goes to a dead proxy (port 9), so nothing can leave
# the machine even if the site asked; the net log says whether it asked.
n=0
chrome() {
	local name=$1
	shift
	n=$((n + 1))
	timeout 120 "$CHROMIUM" --headless=new --no-sandbox --disable-gpu \
		--user-data-dir="$WORK/profile-$n" --no-first-run \
		--disable-background-networking --disable-component-update \
		--disable-sync --disable-default-apps --disable-extensions \
		--disable-features=AutofillServerCommunication \
		--host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1" \
		--proxy-server=127.0.0.1:9 \
		--log-net-log="$OUT/netlog-$name.json" \
		--enable-logging=stderr --v=0 \
		--virtual-time-budget=10000 "$@" 2>> "$OUT/chromium.log"
}
# page NAME PATH: the DOM of PATH after its scripts ran, in OUT/NAME.dom.html.
page() {
	chrome "$1" --dump-dom "$BASE/$2" > "$OUT/$1.dom.html"
}
shot() {
	chrome "$1-shot" --hide-scrollbars --window-size=1280,2000 \
		--screenshot="$OUT/$1.png" "$BASE/$2" > /dev/null
	[ -s "$OUT/$1.png" ]
}

SEARCH='search.html?q=send+connectors'

page home index.html
check home "$PY" "$HERE/check_dom.py" home "$OUT/home.dom.html" "$SITE"
page rule-emg2-803 "$R2003"
check rule-emg2-803 "$PY" "$HERE/check_dom.py" rule "$OUT/rule-emg2-803.dom.html" \
	"$SITE" "$R2003" --text EMG2-803 --text V-18703 --lineage-link "$R2019"
page rule-v-259642 "$R2019"
check rule-v-259642 "$PY" "$HERE/check_dom.py" rule "$OUT/rule-v-259642.dom.html" \
	"$SITE" "$R2019" --text EX19-ED-000236 --text V2R1 --lineage-link "$R2003"
page search "$SEARCH"
check search "$PY" "$HERE/check_dom.py" search "$OUT/search.dom.html" \
	"$SITE" search.html "send connector"
# The compare form on two releases given in the URL (the hand-written
# fixture has no compare page).
COMPARE=stig/ms-exchange-2019-edge-server/compare.html
if [ -f "$SITE/$COMPARE" ]; then
	page compare "$COMPARE?from=V1R1&to=V2R2"
	check compare "$PY" "$HERE/check_dom.py" compare \
		"$OUT/compare.dom.html" "$SITE" "$COMPARE" "signed scripts"
else
	echo "SKIPPED: compare: no $COMPARE in this site"
fi
screenshots() {
	shot home index.html && shot rule "$R2003" && shot search "$SEARCH" &&
		{ [ ! -f "$SITE/$COMPARE" ] ||
			shot compare "$COMPARE?from=V1R1&to=V2R2"; } &&
		ls -l "$OUT"/*.png
}
check screenshots screenshots

# The server's log: what the browser asked for and got. chromium asks for
# /favicon.ico on its own; any other 4xx/5xx is a missing file.
http_log() {
	if grep -E '" [45][0-9][0-9] ' "$OUT/http.log" |
		grep -v 'GET /favicon.ico '; then
		return 1
	fi
	echo "$(grep -cE '" [23][0-9][0-9] ' "$OUT/http.log") requests" \
		"answered, none failed"
}
check http-log http_log
# The pages' scripts ran without an error or a console message (chromium
# logs them as CONSOLE lines; its own request for /favicon.ico aside).
console() {
	if grep ':CONSOLE' "$OUT/chromium.log" | grep -v '/favicon.ico'; then
		return 1
	fi
	echo "no console message from the site's pages"
}
check console console
check netlog "$PY" "$HERE/netlog.py" "$OUT"/netlog-*.json

# From a file share or disk: the search and compare forms load their
# data as scripts, so they work from file:// too (a site whose search has
# no search/index.js is older, or hand-written: skipped).
fpage() { chrome "$1" --dump-dom "file://$2" > "$OUT/$1.dom.html"; }
if [ -f "$SITE/search/index.js" ]; then
	fpage search-file "$SITE/$SEARCH"
	check search-file "$PY" "$HERE/check_dom.py" search \
		"$OUT/search-file.dom.html" "$SITE" search.html "send connector"
	if [ -f "$SITE/$COMPARE" ]; then
		fpage compare-file "$SITE/$COMPARE?from=V1R1&to=V2R2"
		check compare-file "$PY" "$HERE/check_dom.py" compare \
			"$OUT/compare-file.dom.html" "$SITE" "$COMPARE" "signed scripts"
	fi
else
	echo "SKIPPED: search and compare from file://: $SITE has no search/index.js"
fi

# The DISA library slice (../shared/disa/library), when it is there.
. "$HERE/library.sh"

if [ "$failed" -eq 0 ]; then
	echo "all checks passed; screenshots in $OUT (home.png, rule.png, search.png, compare.png)"
else
	echo "$failed checks failed; reports in $OUT"
fi
[ "$failed" -eq 0 ]
