#!/bin/sh
# The checkers of tests/browser/ checked: each passes on the hand-written
# fixture site and fails on a copy of it broken in the one way it exists to
# catch. Run by tests/browser/run.sh (make test-browser); needs python3,
# and rapper for the Turtle cases. Exit 0 when every case behaved.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
FIX=$HERE/fixture
PY=${PYTHON:-python3}
T=$(mktemp -d "${TMPDIR:-/tmp}/stigdiff-selftest-XXXXXX")
trap 'rm -rf "$T"' EXIT
bad=0
cases=0

R03=stig/microsoft-exchange-2003/V-18703.html
R19=stig/ms-exchange-2019-edge-server/V-259642.html

# fresh: a clean copy of the fixture in $T/b.
fresh() { rm -rf "$T/b"; cp -R "$FIX" "$T/b"; }
# edit FILE SED-EXPR: break the copy.
edit() { sed -i "$2" "$T/b/$1"; }

# pass NAME CMD... / fail NAME CMD...: the checker must pass / must fail.
pass() {
	cases=$((cases + 1))
	name=$1; shift
	if "$@" > "$T/out" 2>&1; then echo "ok   passes: $name"
	else echo "BAD  should pass: $name"; sed 's/^/    /' "$T/out"
		bad=$((bad + 1)); fi
}
fail() {
	cases=$((cases + 1))
	name=$1; shift
	if "$@" > "$T/out" 2>&1; then echo "BAD  should fail: $name"
		sed 's/^/    /' "$T/out"; bad=$((bad + 1))
	else
		why=$(grep -m1 '^FAIL: ' "$T/out" || grep -m1 -vE \
			'^(linkcheck|a11y|html|contrast|turtle|netlog)( \(.*\))?: [0-9]+ ' "$T/out")
		echo "ok   fails:  $name ($(echo "$why" | cut -c1-100))"
	fi
}

pass "links of the fixture" "$PY" "$HERE/linkcheck.py" "$FIX"
pass "HTML5 of the fixture" "$PY" "$HERE/validate.py" "$FIX"
pass "accessibility of the fixture" "$PY" "$HERE/a11y.py" "$FIX"
pass "Turtle of the fixture" "$PY" "$HERE/turtle.py" "$FIX"

fresh; edit $R03 's#V-259642.html#V-999999.html#'
fail "link to a missing page" "$PY" "$HERE/linkcheck.py" "$T/b"
fresh; edit index.html 's/#history/#histroy/'
fail "link to a missing #fragment" "$PY" "$HERE/linkcheck.py" "$T/b"
fresh; edit index.html 's#href="search.html"#href="/search.html"#'
fail "absolute-path link" "$PY" "$HERE/linkcheck.py" "$T/b"
fresh; edit search.html 's#</main>#</main><script src="https://cdn.example.com/x.js"></script>#'
fail "script from another host" "$PY" "$HERE/linkcheck.py" "$T/b"
fresh; echo 'body { background: url(../img/none.png); }' >> "$T/b/assets/site.css"
fail "CSS url() to a missing file" "$PY" "$HERE/linkcheck.py" "$T/b"
fresh; edit index.html 's#href="stig/microsoft-exchange-2003/index.html"#href="../outside/index.html"#'
fail "link leaving the site" "$PY" "$HERE/linkcheck.py" "$T/b"

fresh; edit index.html 's#<h2>Benchmarks</h2>#<h2>Benchmarks<span>#'
fail "unclosed element" "$PY" "$HERE/validate.py" "$T/b"
fresh; edit search.html 's#<ul id="results">#<foo>x</foo><ul id="results">#'
fail "unknown element" "$PY" "$HERE/validate.py" "$T/b"
fresh; edit index.html '/<!DOCTYPE html>/d'
fail "no doctype" "$PY" "$HERE/validate.py" "$T/b"
fresh; edit index.html 's#<meta charset="utf-8">#<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">#'
pass "encoding declared by http-equiv" "$PY" "$HERE/validate.py" "$T/b"
fresh; edit index.html '/<meta charset="utf-8">/d'
fail "no encoding declared" "$PY" "$HERE/validate.py" "$T/b"
fresh; edit index.html 's#<h2>Recently changed</h2>#<h2 id="benchmarks">Recently changed</h2>#'
fail "an id used twice" "$PY" "$HERE/validate.py" "$T/b"

fresh; edit index.html 's#<html lang="en">#<html>#'
fail "no lang" "$PY" "$HERE/a11y.py" "$T/b"
fresh; edit index.html 's#<h2>Benchmarks</h2>#<h3>Benchmarks</h3>#'
fail "h1 then h3" "$PY" "$HERE/a11y.py" "$T/b"
fresh; edit index.html 's#<h2>Benchmarks</h2>#<h1>Benchmarks</h1>#'
fail "two h1" "$PY" "$HERE/a11y.py" "$T/b"
fresh; edit index.html 's#</main>#<img src="assets/site.css"></main>#'
fail "img without alt" "$PY" "$HERE/a11y.py" "$T/b"
fresh; edit search.html '/<label for="q">/d'
fail "input without label" "$PY" "$HERE/a11y.py" "$T/b"
fresh; edit assets/site.css 's/--muted: #57606a/--muted: #777777/'
fail "grey #777 on white (4.48:1)" "$PY" "$HERE/a11y.py" "$T/b"
fresh; edit assets/site.css 's/--link: #79b8ff/--link: #1f2a44/'
fail "dark scheme link too dark" "$PY" "$HERE/a11y.py" "$T/b"
fresh; edit assets/site.css 's/header a, header a:visited { color: #ffffff; }/header a, header a:visited { color: #3a4b5c; }/'
fail "header link too dark on the dark header" "$PY" "$HERE/a11y.py" "$T/b"
fresh; edit assets/site.css 's/--visited: #5a2d82/--visited: #b0a0c0/'
fail "visited links too light" "$PY" "$HERE/a11y.py" "$T/b"
fresh; edit index.html 's#<td>V1R5</td>#<td style="color: \#ccc">V1R5</td>#'
fail "a style attribute's grey" "$PY" "$HERE/a11y.py" "$T/b"

if command -v rapper > /dev/null; then
	fresh; edit stig/microsoft-exchange-2003/V-18703.ttl 's/isPartOf <index.html> \./isPartOf <index.html>/'
	fail "Turtle without its final ." "$PY" "$HERE/turtle.py" "$T/b"
	fresh; edit $R19 '/text\/turtle/d'
	fail "rule page without its Turtle link" "$PY" "$HERE/turtle.py" "$T/b"
fi

# The DOM assertions, on the fixture's files as rendered pages (no script
# needed for these).
pass "rule page with history and lineage" "$PY" "$HERE/check_dom.py" rule \
	"$FIX/$R03" "$FIX" $R03 --text EMG2-803 --lineage-link $R19
fresh; edit $R03 '/<section id="history">/,/<\/section>/d'
fail "rule page without history" "$PY" "$HERE/check_dom.py" rule \
	"$T/b/$R03" "$T/b" $R03
fresh; edit $R03 's/<section id="history">/<section>/'
pass "history under its heading, without the id" "$PY" "$HERE/check_dom.py" \
	rule "$T/b/$R03" "$T/b" $R03
fresh; edit $R03 's#<a href="../ms-exchange-2019-edge-server/V-259642.html">##'
fail "lineage without the 2019 rule" "$PY" "$HERE/check_dom.py" rule \
	"$T/b/$R03" "$T/b" $R03 --lineage-link $R19
pass "home page listing every benchmark" "$PY" "$HERE/check_dom.py" home \
	"$FIX/index.html" "$FIX"
fresh; edit index.html '/microsoft-exchange-2003\/index.html/d'
fail "home page missing a benchmark" "$PY" "$HERE/check_dom.py" home \
	"$T/b/index.html" "$T/b"
fail "search with no results rendered" "$PY" "$HERE/check_dom.py" search \
	"$FIX/search.html" "$FIX" search.html "send connector"
fresh; edit search.html 's#<ul id="results"></ul>#<ul id="results"><li><a href="stig/ms-exchange-2019-edge-server/V-259642.html">x</a></li></ul>#'
pass "search results linking a Send connector rule" "$PY" \
	"$HERE/check_dom.py" search "$T/b/search.html" "$T/b" search.html \
	"send connector"

# Net logs: a made-up one with a page request to another host.
cat > "$T/nl.json" <<'EOF'
{"constants": {"logEventTypes": {"URL_REQUEST_START_JOB": 7}},
"events": [
{"type": 7, "params": {"url": "http://127.0.0.1:8000/index.html", "initiator": "not an origin", "network_isolation_key": "http://127.0.0.1 http://127.0.0.1"}},
{"type": 7, "params": {"url": "https://update.googleapis.com/x", "initiator": "not an origin", "network_isolation_key": "null null"}},
EOF
cp "$T/nl.json" "$T/nl-cut.json"
echo ']}' >> "$T/nl.json"
pass "net log with local requests only" "$PY" "$HERE/netlog.py" "$T/nl.json"
printf '%s\n' '{"type": 7, "params": {"url": "https://fonts.example.com/f.css", "initiator": "http://127.0.0.1:8000", "network_isolation_key": "http://127.0.0.1 http://127.0.0.1"}},' >> "$T/nl-cut.json"
fail "net log with a font from another host (cut short)" "$PY" \
	"$HERE/netlog.py" "$T/nl-cut.json"

echo "self-test: $cases cases, $bad misbehaved"
[ "$bad" -eq 0 ]
