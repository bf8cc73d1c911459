#!/bin/bash
# tests/interop/run.sh STIGDIFF WORKDIR [SHARED]: the checklists stigdiff
# writes, read by STIG Manager's own review parser
# (@nuwcdivnpt/stig-manager-client-modules, pinned below, installed into
# WORKDIR by npm). `make test-interop` runs it; .ci/run too.
#
# 1. Every checklist of SHARED/checklists that STIG Manager reads,
#    converted by stigdiff to the other format, is read again with the
#    same target, benchmarks, revisions and reviews (result, detail,
#    comment; trailing white space aside). A file stigdiff refuses as
#    malformed is not counted (it names the line, which is the point).
#    A STIG without a version (Evaluate-STIG's .cklb) is read by STIG
#    Manager as version 0 ("V0R8") and, converted to .ckl with the
#    version empty, as no revision: counted apart and printed, not as a
#    difference (docs/design.md, issue 22).
# 2. The checklists the test suite writes (tests/interop/cases.sh: new,
#    filled, converted both ways, migrated, set) import with no error,
#    and STIG Manager's reading agrees with stigdiff's own (its .cklb
#    rewrite read by tests/interop/ours.jq): per rule the same result,
#    details and comment (trailing white space aside). `checklist new
#    --host-name edge01` gives target edge01 and the benchmark's id and
#    revision, in both formats.
# Prints one line per problem and a summary; exit 1 on any problem. When
# npm cannot fetch the package, prints "SKIPPED: reason" and exits 0.
set -u
SD=$1 WORK=$2 SHARED=${3:-../shared}
PKG=@nuwcdivnpt/stig-manager-client-modules@1.6.7
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$WORK"
MODS=$WORK/npm/node_modules
if [ ! -d "$MODS/@nuwcdivnpt/stig-manager-client-modules" ]; then
	if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
		echo "SKIPPED: interop: node and npm are not installed (make deps-interop)"
		exit 0
	fi
	if ! npm install --prefix "$WORK/npm" --no-audit --no-fund --loglevel=error \
		"$PKG" >"$WORK/npm.log" 2>&1; then
		echo "SKIPPED: interop: npm could not install $PKG ($(grep -v "^npm error *$" "$WORK/npm.log" | grep . | head -n 1))"
		exit 0
	fi
fi
export SD_INTEROP_MODULES=$MODS
read_sm() { node "$HERE/reviews.mjs" "$@"; }
# The part of a reading that must survive a conversion; a revision "V0Rn"
# (no version in the file) is taken for null.
same() { jq -cS 'del(.file, .warnings) | .checklists |= map(if (.revision // "" | test("^V0R")) then .revision = null else . end)' "$1"; }

fail=0 n=0 unread=0 differ=0 refused=0 v0=0
if [ -d "$SHARED/checklists" ]; then
	for f in "$SHARED"/checklists/ckl/*.ckl "$SHARED"/checklists/cklb/*.cklb; do
		[ -f "$f" ] || continue
		read_sm "$f" > "$WORK/a.json"
		jq -e 'has("error")' "$WORK/a.json" >/dev/null && continue
		case $f in *.ckl) to=cklb ;; *) to=ckl ;; esac
		out=$WORK/conv.$to
		rm -f "$out"
		if ! "$SD" checklist convert -f -o "$out" "$f" >/dev/null 2>"$WORK/err"; then
			if grep -q 'line [0-9]' "$WORK/err"; then
				refused=$((refused + 1))
				continue
			fi
			echo "interop: stigdiff cannot convert $f: $(head -n 1 "$WORK/err")"
			fail=1
			continue
		fi
		n=$((n + 1))
		read_sm "$out" > "$WORK/b.json"
		if jq -e 'has("error")' "$WORK/b.json" >/dev/null; then
			echo "interop: STIG Manager cannot read $f converted to .$to: $(jq -r .error "$WORK/b.json")"
			unread=$((unread + 1)) fail=1
			continue
		fi
		same "$WORK/a.json" > "$WORK/a.n"
		same "$WORK/b.json" > "$WORK/b.n"
		if jq -e '[.checklists[].revision // "" | test("^V0R")] | any' "$WORK/a.json" >/dev/null; then
			echo "interop: note: $f has no STIG version: STIG Manager reads it as $(jq -r '[.checklists[].revision] | join(", ")' "$WORK/a.json"), the .$to as $(jq -r '[.checklists[].revision // "no revision"] | join(", ")' "$WORK/b.json")"
			v0=$((v0 + 1))
		fi
		if ! cmp -s "$WORK/a.n" "$WORK/b.n"; then
			echo "interop: $f converted to .$to reads differently:"
			diff <(jq -S . "$WORK/a.n") <(jq -S . "$WORK/b.n") | cut -c 1-160 | head -n 16
			differ=$((differ + 1)) fail=1
		fi
	done
	echo "interop: $n shared checklists converted and read back: $unread unreadable, $differ differing ($refused refused by stigdiff as malformed, $v0 without a STIG version)"
else
	echo "SKIP: interop: $SHARED/checklists is absent (the shared data)"
fi

# 2. What the test suite writes.
CASES=$WORK/cases
rm -rf "$CASES"
if ! sh "$HERE/cases.sh" "$SD" "$CASES" 2>"$WORK/cases.err"; then
	echo "interop: writing the test checklists failed: $(tail -n 1 "$WORK/cases.err")"
	exit 1
fi
m=0 errors=0 disagree=0
for f in "$CASES"/*.ckl "$CASES"/*.cklb; do
	m=$((m + 1))
	read_sm "$f" > "$WORK/sm.json"
	if jq -e 'has("error")' "$WORK/sm.json" >/dev/null; then
		echo "interop: STIG Manager cannot read ${f#$CASES/}: $(jq -r .error "$WORK/sm.json")"
		errors=$((errors + 1)) fail=1
		continue
	fi
	jq -cS '{checklists: [.checklists[] | {benchmark, reviews}]}' "$WORK/sm.json" > "$WORK/sm.n"
	if ! "$SD" checklist convert -f --format cklb -o - "$f" 2>"$WORK/err" |
		jq -cS -f "$HERE/ours.jq" > "$WORK/sd.n"; then
		echo "interop: stigdiff cannot read ${f#$CASES/}: $(head -n 1 "$WORK/err")"
		fail=1
		continue
	fi
	if ! cmp -s "$WORK/sm.n" "$WORK/sd.n"; then
		echo "interop: STIG Manager and stigdiff read ${f#$CASES/} differently:"
		diff <(jq -S . "$WORK/sm.n") <(jq -S . "$WORK/sd.n") | cut -c 1-160 | head -n 16
		disagree=$((disagree + 1)) fail=1
	fi
done
# checklist new --host-name: the asset and the benchmark as given.
for f in "$CASES"/new-edge.ckl "$CASES"/new-edge.cklb; do
	got=$(read_sm "$f" | jq -r '[.target.name, .checklists[0].benchmark, .checklists[0].revision] | join(" ")')
	want="edge01 MS_Exchange_2016_Edge_Transport_Server_STIG V2R6"
	if [ "$got" != "$want" ]; then
		echo "interop: ${f#$CASES/}: STIG Manager reads '$got', expected '$want'"
		fail=1
	fi
done
echo "interop: $m checklists the tests write: $errors unreadable, $disagree read differently by STIG Manager and stigdiff"
exit $fail
