#!/bin/sh
# make bench: every bench/[0-9]*.sh part, each printing figures measured in
# this run against a floor measured in the same run.
#   usage: bench.sh BINARY SHARED_DIR [BENCH_DIR]
# Without BENCH_DIR, a larger library is generated from the shared XCCDF
# set (bench/mklib.sh, $BENCH_COPIES copies, default 20).
set -e
SD=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SHARED=$2
BENCH_DIR=$3
BENCH_COPIES=${BENCH_COPIES:-20}
WORK=$(mktemp -d /tmp/sd-bench-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
. bench/lib.sh

XCCDF=$SHARED/disa/xccdf
if [ ! -d "$XCCDF" ]; then
	echo "bench: $XCCDF is absent; nothing to measure" >&2
	exit 1
fi
if [ -z "$BENCH_DIR" ]; then
	BENCH_DIR=$WORK/library
	sh bench/mklib.sh "$XCCDF" "$BENCH_DIR" "$BENCH_COPIES"
	echo "larger set: $BENCH_COPIES generated copies of $XCCDF in $BENCH_DIR"
fi
echo "machine: $(nproc) cores, $(uname -m); runs per figure: best of $RUNS"
for part in bench/[0-9]*.sh; do
	. "$part"
done
