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
# 2. Checklists stigdiff writes from nothing (tests/interop/cases.sh)
#    import with no error, and STIG Manager's reading agrees with
#    stigdiff's own (`checklist show --format json`).
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
	if ! npm install --prefix "$WORK/npm" --no-audit --no-fund --silent \
		"$PKG" >"$WORK/npm.log" 2>&1; then
		echo "SKIPPED: interop: npm could not install $PKG ($(tail -n 1 "$WORK/npm.log"))"
		exit 0
	fi
fi
export SD_INTEROP_MODULES=$MODS
read_sm() { node "$HERE/reviews.mjs" "$@"; }
# The part of a reading that must survive a conversion.
same() { jq -cS 'del(.file, .warnings)' "$1"; }

fail=0 n=0 unread=0 differ=0 refused=0
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
		if ! cmp -s "$WORK/a.n" "$WORK/b.n"; then
			echo "interop: $f converted to .$to reads differently:"
			diff <(jq -S . "$WORK/a.n") <(jq -S . "$WORK/b.n") | cut -c 1-160 | head -n 16
			differ=$((differ + 1)) fail=1
		fi
	done
	echo "interop: $n shared checklists converted and read back: $unread unreadable, $differ differing ($refused refused by stigdiff as malformed)"
else
	echo "SKIP: interop: $SHARED/checklists is absent (the shared data)"
fi
exit $fail
