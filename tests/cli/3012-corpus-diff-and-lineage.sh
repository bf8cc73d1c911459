# The corpus feeds the other commands: corpus diff is stigdiff diff on
# two corpus releases (options, formats and exit status alike), and
# stigdiff lineage --corpus reads every release and the curated links
# stored in the corpus (lineage/curated.tsv, imported with --curated).
run() { "$STIGDIFF" "$@" > "$TMP/out" 2>&1; rc=$?; sed "s|$TMP|TMP|g" "$TMP/out"; echo "exit=$rc"; }
$STIGDIFF corpus init "$TMP/c" >/dev/null
run corpus import -C "$TMP/c" --curated corpus/lineage/curated.tsv corpus/xccdf corpus/reconstructed
echo "--- corpus diff"
run corpus diff -C "$TMP/c" ms-exchange-2019-edge-server@V2R1 ms-exchange-2019-edge-server@V2R2
# The same as stigdiff diff on the XCCDF files, but for the sources.
X=corpus/xccdf/U_MS_Exchange_2016_Edge_Transport_Server_STIG
$STIGDIFF diff --format json ${X}_V2R5_Manual-xccdf.xml ${X}_V2R6_Manual-xccdf.xml | grep -v '"source"' > "$TMP/files.json"
$STIGDIFF corpus diff -C "$TMP/c" --format json ms-exchange-2016-edge-transport-server@V2R5 ms-exchange-2016-edge-transport-server@latest | grep -v '"source"' > "$TMP/corpus.json"
cmp "$TMP/files.json" "$TMP/corpus.json" && echo "same diff as from the files"
run corpus diff -C "$TMP/c" --only added,removed ms-exchange-2019-edge-server@V2R2 ms-exchange-2019-edge-server@V2R2
run corpus diff -C "$TMP/c" ms-exchange-2019-edge-server@V2R1:V-259642 ms-exchange-2019-edge-server@V2R2
run corpus diff -C "$TMP/c" ms-exchange-2019-edge-server@V9R9 ms-exchange-2019-edge-server@V2R2
run corpus diff -C "$TMP/c" ms-exchange-2019-edge-server ms-exchange-2016-edge-transport-server
run corpus diff -C "$TMP/c" --consecutive corpus/xccdf
echo "--- lineage --corpus"
"$STIGDIFF" lineage --corpus "$TMP/c" EMG2-803 > "$TMP/lin" 2> "$TMP/err"; echo "exit=$?"
sed "s|$TMP|TMP|g" "$TMP/err"
head -n 1 "$TMP/lin"
grep -c 'curated 1.00 from EMG2-803' "$TMP/lin"
grep -q 'V-259642 ' "$TMP/lin" && echo "reaches V-259642"
"$STIGDIFF" lineage EMG2-803 > "$TMP/lin-files"
cmp "$TMP/lin" "$TMP/lin-files" && echo "same lineage as from the embedded files"
run lineage --corpus "$TMP/c" --no-curated EMG2-803
run lineage --corpus "$TMP/c" --in corpus V-1
echo "--- corpus link: lineage stored in the corpus"
run corpus link -C "$TMP/c"
git -C "$TMP/c" show main:lineage/index.tsv | head -n 1
git -C "$TMP/c" ls-tree --name-only main:lineage
# Read back, the stored steps give the lineage computing gives (the
# curated file named, the corpus's links are not used).
ids="EMG2-803 V-259642 V-221262 EX13-EG-000345 V-33592"
run lineage --corpus "$TMP/c" --format json $ids > /dev/null
"$STIGDIFF" lineage --corpus "$TMP/c" --format json $ids > "$TMP/stored.json"
"$STIGDIFF" lineage --corpus "$TMP/c" --curated corpus/lineage/curated.tsv --format json $ids > "$TMP/computed.json" 2>/dev/null
cmp "$TMP/stored.json" "$TMP/computed.json" && echo "stored lineage is the computed lineage"
# The mappings it computed are kept; kept or damaged, the steps are the
# same. Nothing changed: nothing is computed.
n=$(ls "$TMP/c/stigdiff/lineage/maps" | wc -l); [ "$n" -gt 5 ] && echo "mappings kept"
run corpus link -C "$TMP/c"
run corpus link -C "$TMP/c" --full
for f in "$TMP/c/stigdiff/lineage/maps"/*; do echo garbage > "$f"; done
run corpus link -C "$TMP/c" --full
git -C "$TMP/c" log --format=%s lineage
echo "--- curated links"
git -C "$TMP/c" show main:lineage/curated.tsv | cmp -s - corpus/lineage/curated.tsv && echo "main holds lineage/curated.tsv"
run corpus import -C "$TMP/c" --curated corpus/lineage/curated.tsv
printf 'EMG2-803\tExch-2-766\tcurated\treason\n' > "$TMP/bad.tsv"
run corpus import -C "$TMP/c" --curated "$TMP/bad.tsv"
echo "--- a damaged lineage/ file is refused, naming its line"
g() { GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org git -C "$TMP/c" "$@"; }
# Every part of the Exchange 2019 Edge line damaged: the query reads one.
printf 'stigdiff-lineage-part\t3\nbroken step\n' > "$TMP/part.tsv"
blob=$(g hash-object -w "$TMP/part.tsv")
parts=$(g ls-tree lineage:lineage/parts | sed "s/blob [0-9a-f]*\t\(exchange-2019-0-edge[^\t]*\)\$/blob $blob\t\1/" | g mktree)
dir=$(g ls-tree lineage:lineage | sed "s/tree [0-9a-f]*\tparts\$/tree $parts\tparts/" | g mktree)
root=$(printf '040000 tree %s\tlineage\n' "$dir" | g mktree)
g update-ref refs/heads/lineage "$(g commit-tree -p lineage -m broken "$root")"
run lineage --corpus "$TMP/c" EX19-ED-000236 2>&1 | sed 's/edge-server-stig-[0-9a-f]*\.[0-9]*\.tsv/edge-server-stig-X.N.tsv/'
run corpus link -C "$TMP/c" --full
run lineage --corpus "$TMP/c" EMG2-803 | head -n 1
echo "--- a lineage stored in an older format: readers say to link again; link stores it anew"
# Format 2: the index's line records without part and related counts,
# one steps/ and related/ file per line.
g show lineage:lineage/index.tsv | awk -F'\t' 'BEGIN { OFS = "\t" }
	NR == 1 { $2 = 2 } $1 == "line" { NF = 7 } { print }' > "$TMP/index2.tsv"
blob=$(g hash-object -w "$TMP/index2.tsv")
old=$(printf 'stigdiff-lineage-steps\t2\n' | g hash-object -w --stdin)
steps=$(printf '100644 blob %s\texchange-2019-0-edge-server-stig-d68261d3.tsv\n' "$old" | g mktree)
dir=$( (g ls-tree lineage:lineage | sed "s/blob [0-9a-f]*\tindex.tsv\$/blob $blob\tindex.tsv/"
	printf '040000 tree %s\tsteps\n' "$steps") | g mktree)
root=$(printf '040000 tree %s\tlineage\n' "$dir" | g mktree)
g update-ref refs/heads/lineage "$(g commit-tree -p lineage -m format2 "$root")"
run lineage --corpus "$TMP/c" EMG2-803
run corpus link -C "$TMP/c"
g ls-tree --name-only lineage:lineage
run lineage --corpus "$TMP/c" EMG2-803 | head -n 1
