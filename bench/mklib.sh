#!/bin/sh
# mklib.sh SRC_DIR OUT_DIR COPIES: a larger library for benchmarks, made of
# COPIES copies of every XCCDF file in SRC_DIR, each copy a distinct
# benchmark (its id and its V-/SV- numbers shifted), so that matching and
# importing see as many benchmarks as a real library of that size.
#
# mklib.sh --library BINARY SRC OUT_DIR: a library shaped like DISA's
# whole (about 1,900 releases of about 700 benchmarks) from the real slice
# SRC (../shared/disa/library/xccdf: zips or XML). Every release of SRC is
# extracted once (BINARY unpack), then written as five products of their
# own: copies 1-3 with every release, copies 4 and 5 with the latest
# release of each benchmark only. Copy n renames its benchmark ids (a
# "C<n>_" prefix) and its products (the title starts with "Copy<n>", so
# Windows Server 2016 of copy 2 is a family of its own, with the same
# generations and roles), shifts its V- and SV- numbers, and rewords
# every text its own way ("must" -> "shall", "the system" -> "the host",
# "configured" -> "set", "ensure" -> "make sure"). OUT_DIR/c<n>/ holds
# copy n, so subsets (copy 1: about a quarter; copies 1-2: about half)
# can be measured too.
set -e
if [ "$1" = --library ]; then
	sd=$2 src=$3 out=$4
	mkdir -p "$out/orig"
	"$sd" unpack -o "$out/orig" "$src" >/dev/null 2>&1 || true
	# The latest release of each benchmark: unpack --list gives id, label
	# and date per file.
	"$sd" unpack --list "$out/orig" 2>/dev/null |
		awk -F'\t' '{ n = split($1, p, "/"); print $2 "\t" $5 "\t" $4 "\t" p[n] }' |
		sort -t"$(printf '\t')" -k1,1 -k2,2 -k3,3V |
		awk -F'\t' '{ last[$1] = $4 } END { for (k in last) print last[k] }' |
		sort > "$out/latest"
	for n in 1 2 3 4 5; do
		mkdir -p "$out/c$n"
		case $n in
		1) reword='s/ the / the /' ;;
		2) reword='s/ must / shall /g' ;;
		3) reword='s/ the system / the host /g' ;;
		4) reword='s/ configured / set /g' ;;
		5) reword='s/ ensure / make sure /g' ;;
		esac
		for f in "$out"/orig/*.xml; do
			b=$(basename "$f")
			if [ "$n" -ge 4 ] && ! grep -qxF "$b" "$out/latest"; then
				continue
			fi
			sed -e "s/\(<\(xccdf:\)\{0,1\}Benchmark[^>]* id=\"\)\([^\"]*\)\"/\1C${n}_\3\"/" \
			    -e "0,/<\(xccdf:\)\{0,1\}title[^>]*>/s//&Copy$n /" \
			    -e "s/\"V-\([0-9]*\)\"/\"V-$n\1\"/g" \
			    -e "s/\"SV-\([0-9]*\)r/\"SV-$n\1r/g" \
			    -e "$reword" "$f" > "$out/c$n/$b"
		done
	done
	rm -rf "$out/orig" "$out/latest"
	exit 0
fi
src=$1 out=$2 n=$3
mkdir -p "$out"
i=1
while [ "$i" -le "$n" ]; do
	for f in "$src"/*.xml; do
		b=$(basename "$f" .xml)
		sed -e "s/\(<Benchmark[^>]* id=\"\)\([^\"]*\)\"/\1\2_copy$i\"/" \
		    -e "s/\"V-\([0-9]*\)\"/\"V-$i\1\"/g" \
		    -e "s/\"SV-\([0-9]*\)r/\"SV-$i\1r/g" \
		    "$f" > "$out/${b}_copy$i.xml"
	done
	i=$((i + 1))
done
