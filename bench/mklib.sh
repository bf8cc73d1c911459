#!/bin/sh
# mklib.sh SRC_DIR OUT_DIR COPIES: a larger library for benchmarks, made of
# COPIES copies of every XCCDF file in SRC_DIR, each copy a distinct
# benchmark (its id and its V-/SV- numbers shifted), so that matching and
# importing see as many benchmarks as a real library of that size.
set -e
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
