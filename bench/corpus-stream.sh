#!/bin/sh
# corpus-stream.sh CORPUS SCRATCH: a git fast-import stream holding the
# same files, commits and messages as the stigdiff corpus CORPUS (every
# release of every benchmark, oldest first, each release written in full
# with its files inline), on standard output. The floor of
# bench/40-corpus.sh: `git fast-import` of this stream is what writing
# the same history costs git itself. SCRATCH is a work directory.
set -e
corpus=$1 scratch=$2
mkdir -p "$scratch"
: > "$scratch/manifest"
n=0
for ref in $(git -C "$corpus" for-each-ref --format='%(refname)' refs/heads/ |
	     grep -v '^refs/heads/main$'); do
	for c in $(git -C "$corpus" rev-list --reverse "$ref"); do
		n=$((n + 1))
		mkdir "$scratch/$n"
		git -C "$corpus" archive --format=tar "$c" | tar -x -C "$scratch/$n"
		git -C "$corpus" log -1 --format=%B "$c" > "$scratch/$n.msg"
		t=$(git -C "$corpus" log -1 --format=%ct "$c")
		(cd "$scratch/$n" && find . -type f | sed 's|^\./||' | sort) > "$scratch/$n.files"
		echo "$ref $t $n" >> "$scratch/manifest"
	done
done
# One awk process writes the stream: byte counts need the C locale.
LC_ALL=C awk -v dir="$scratch" '
function slurp(f,   s, line) {
	s = ""
	while ((getline line < f) > 0)
		s = s line "\n"
	close(f)
	return s
}
{
	ref = $1; t = $2; n = $3
	msg = slurp(dir "/" n ".msg")
	printf "commit %s\ncommitter stigdiff <corpus@stigdiff.invalid> %s +0000\n", ref, t
	printf "data %d\n%s", length(msg), msg
	print "deleteall"
	list = dir "/" n ".files"
	while ((getline path < list) > 0) {
		body = slurp(dir "/" n "/" path)
		printf "M 100644 inline %s\ndata %d\n%s\n", path, length(body), body
	}
	close(list)
	print ""
}' "$scratch/manifest"
