#!/bin/sh
# make test's check of `make install` (README "Install"): install into a
# staging DESTDIR, then, from a directory that is not the source tree,
# run the installed binary as a new user would (unpack a zip, a corpus of
# the installed Exchange releases, a site, cci, controls, lineage on the
# installed data), render every installed man page, load the bash and zsh
# completion, and uninstall: nothing may be left.
#   usage: install-check.sh [--clone] BUILD_BINARY MAKE [MAKE ARGUMENTS...]
# BUILD_BINARY is the binary of this build, run from the source tree to
# give the outputs the installed one must repeat. --clone installs from a
# fresh `git clone` of the repository's HEAD instead of the source tree
# (a full build: `make install-check-clone`), so a file the build needs
# but git does not hold fails it. Prints one line per failed check
# (exit 1), one SKIP line per check it cannot run, then one summary line.
root=$(pwd)
clone=
[ "$1" = --clone ] && { clone=yes; shift; }
built=$1
shift
tmp=$(mktemp -d /tmp/sd-install-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
src=$root
if [ -n "$clone" ]; then
	src=$tmp/src
	git clone -q "$root" "$src" || { echo "install-check: FAIL: git clone $root"; exit 1; }
fi
stage=$tmp/stage
prefix=/opt/stigdiff
bin=$stage$prefix/bin/stigdiff
share=$stage$prefix/share/stigdiff
status=0 checks=0

fail() {
	echo "install-check: FAIL: $*"
	status=1
}

# check NAME COMMAND...: run it; a non-zero exit is a failure.
check() {
	name=$1
	shift
	checks=$((checks + 1))
	"$@" > "$tmp/out" 2> "$tmp/err" || {
		fail "$name: exit $? ($(head -n 1 "$tmp/err"))"
		return 1
	}
}

# same NAME ARGS...: the installed binary, run elsewhere, prints what the
# build's binary prints from the source tree.
same() {
	name=$1
	shift
	checks=$((checks + 1))
	(cd "$root" && "$built" "$@") > "$tmp/want" 2>&1
	"$bin" "$@" > "$tmp/got" 2>&1
	cmp -s "$tmp/want" "$tmp/got" ||
		fail "$name: 'stigdiff $*' installed prints other than build's: $(diff "$tmp/want" "$tmp/got" | sed -n 2p)"
}

if ! (cd "$src" && "$@" --no-print-directory install DESTDIR="$stage" PREFIX="$prefix") \
	> "$tmp/install.log" 2>&1; then
	cat "$tmp/install.log"
	fail "make install DESTDIR=$stage PREFIX=$prefix"
	exit 1
fi
mkdir "$tmp/elsewhere"
cd "$tmp/elsewhere" || exit 1

check unpack "$bin" unpack "$root/tests/fixtures/zips/nested.zip" &&
	{ grep -q 'MS_Exchange_2019_Edge_Server_STIG	.*	V2R2	' "$tmp/out" ||
	  fail "unpack: the benchmark in nested.zip not listed"; }
check "corpus init" "$bin" corpus init "$tmp/c"
check "corpus import" "$bin" corpus import -q -C "$tmp/c" \
	"$share/xccdf/U_MS_Exchange_2019_Edge_Server_STIG_V1R1_Manual-xccdf.xml" \
	"$share/xccdf/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml"
check "corpus list" "$bin" corpus list -C "$tmp/c" MS_Exchange_2019_Edge_Server_STIG &&
	{ [ "$(grep -c '@V' "$tmp/out")" = 2 ] || fail "corpus list: not the 2 releases imported"; }
check site "$bin" site -q -C "$tmp/c" -o "$tmp/site" &&
	{ [ -f "$tmp/site/index.html" ] || fail "site: no index.html"; } &&
	{ [ -f "$tmp/site/rmf/AC-3.html" ] || fail "site: no page for control AC-3 (the CCI list compiled in)"; }
same cci cci CCI-000366 CCI-002418
same "cci --cci" cci --cci "$root/tests/fixtures/cci/two-items.xml" CCI-000001
same controls controls "$root/corpus/xccdf/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml"
same lineage lineage EMG2-803
# The embedded corpus lineage read is the installed one.
check "lineage sources" "$bin" lineage --format json EMG2-803 &&
	{ outside=$(grep '"source": "/' "$tmp/out" | grep -v "\"$share/" | head -n 1)
	  [ -z "$outside" ] || fail "lineage: a benchmark read from outside $share: $outside"; }

# Every command's man page, rendered as man(1) does, without a warning.
for c in "" $("$bin" help | awk '/^Commands:/ { on = 1; next } on && !NF { exit } on { print "-" $1 }'); do
	page=$stage$prefix/share/man/man1/stigdiff$c.1
	checks=$((checks + 1))
	if [ ! -f "$page" ]; then
		fail "no man page $page"
	elif command -v man > /dev/null; then
		MANWIDTH=80 man --warnings -l "$page" > "$tmp/man" 2> "$tmp/manerr"
		[ -s "$tmp/manerr" ] && fail "man -l $page: $(head -n 1 "$tmp/manerr")"
		grep -q '^NAME' "$tmp/man" || fail "man -l $page: no NAME section"
	else
		echo "SKIP: man not installed (man pages not rendered)"
	fi
done

# Completion: bash registers it and completes a subcommand and a value;
# zsh (when present) loads it through compinit and dispatches.
checks=$((checks + 1))
comp=$stage$prefix/share/bash-completion/completions/stigdiff
got=$(bash -c '. "$1" || exit 1; complete -p stigdiff
	COMP_WORDS=(stigdiff corpus im); COMP_CWORD=2; _stigdiff; echo "${COMPREPLY[*]}"
	COMP_WORDS=(stigdiff diff --format j); COMP_CWORD=3; _stigdiff; echo "${COMPREPLY[*]}"' \
	sh "$comp" 2>&1)
[ "$got" = "complete -F _stigdiff stigdiff
import
json" ] || fail "bash completion: $(echo "$got" | tr '\n' '|')"
if command -v zsh > /dev/null; then
	checks=$((checks + 1))
	got=$(zsh -f -c 'fpath=("$1" $fpath); autoload -U compinit; compinit -u -D
		print -r -- $_comps[stigdiff]
		_describe() { print -r -- "describe $2" }
		_arguments() { print -r -- "arguments ${(j: :)@[2,4]}" }
		words=(stigdiff corpus im); CURRENT=3; _stigdiff
		words=(stigdiff cci --nist-rev ""); CURRENT=4; _stigdiff' \
		zsh "$stage$prefix/share/zsh/site-functions" 2>&1)
	cat > "$tmp/want" <<-'EOF'
	_stigdiff
	describe subcommands
	arguments --cci[DISA's CCI list (default\: the list compiled in)]:file:_files --format[text or json]:fmt:(text json) --nist-rev[NIST SP 800-53 revision\: 4, 5 or all (default all)]:rev:(4 5 all)
	EOF
	[ "$got" = "$(cat "$tmp/want")" ] ||
		fail "zsh completion: $(echo "$got" | tr '\n' '|')"
else
	echo "SKIP: zsh not installed (zsh completion not loaded)"
fi

cd "$src" || exit 1
checks=$((checks + 1))
if ! "$@" --no-print-directory uninstall DESTDIR="$stage" PREFIX="$prefix" \
	> "$tmp/uninstall.log" 2>&1; then
	fail "make uninstall: $(tail -n 1 "$tmp/uninstall.log")"
fi
left=$(find "$stage" -mindepth 1 | head -n 3)
[ -z "$left" ] && [ -d "$stage" ] || fail "make uninstall left $(echo "$left" | tr '\n' ' ')"

if [ "$status" = 0 ]; then
	echo "install-check: $checks checks passed (make install${clone:+ from a fresh clone}, the installed binary run elsewhere, man, completion, uninstall)"
fi
exit $status
