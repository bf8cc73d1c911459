# Incremental: after one new release is imported, only the benchmarks
# whose history or lineage changed are rendered again, and only pages
# whose bytes differ are written; files the previous run wrote and this
# one does not are removed.
X=corpus/xccdf
$STIGDIFF corpus init "$TMP/c" >/dev/null
mkdir "$TMP/in"
for f in $X/*; do
	case $f in *Exchange_2016_Edge*V2R6*) continue ;; esac
	cp "$f" "$TMP/in/"
done
$STIGDIFF corpus import -C "$TMP/c" --curated corpus/lineage/curated.tsv "$TMP/in" corpus/reconstructed >/dev/null
$STIGDIFF corpus link -C "$TMP/c" >/dev/null
$STIGDIFF site -C "$TMP/c" -o "$TMP/s" | sed "s|$TMP|TMP|"
$STIGDIFF corpus import -C "$TMP/c" $X/*Exchange_2016_Edge*V2R6* | tail -n 1
# Until the links are stored again, site computes lineage and says so.
$STIGDIFF site -C "$TMP/c" -o "$TMP/s2" 2>&1 >/dev/null | sed "s|$TMP|TMP|"
$STIGDIFF corpus link -C "$TMP/c"
$STIGDIFF site -C "$TMP/c" -o "$TMP/s" | sed "s|$TMP|TMP|"; echo "exit=$?"
ls "$TMP/s/stig/ms-exchange-2016-edge-transport-server/compare"
# A file the manifest names but this run does not write goes.
echo "file - stale.html" >> "$TMP/s/.stigdiff-site"
echo stale > "$TMP/s/stale.html"
$STIGDIFF site -C "$TMP/c" -o "$TMP/s" | sed "s|$TMP|TMP|"
test -e "$TMP/s/stale.html" && echo "stale.html still there"
# --force renders everything again; nothing differs.
$STIGDIFF site -C "$TMP/c" -o "$TMP/s" --force | sed "s|$TMP|TMP|"
sh tests/site-check.sh "$TMP/s" | head -n 7
