# An import killed while writing the search index leaves the index's
# hidden temporary; the next import (under the lock) removes every
# temporary of stigdiff's a dead process left in the corpus.
dead=$(sh -c 'echo $$')
X=corpus/xccdf
"$STIGDIFF" corpus init "$TMP/c" >/dev/null
"$STIGDIFF" corpus import -C "$TMP/c" $X/*2019_Edge*V2R1* >/dev/null
: > "$TMP/c/stigdiff/search/.ms-exchange-2019-edge-server.idx.tmp-$dead-AbCdEf"
mkdir -p "$TMP/c/stigdiff/lineage-cache"
: > "$TMP/c/stigdiff/lineage-cache/.abc.tmp-$dead-AbCdEf"
"$STIGDIFF" corpus import -C "$TMP/c" $X/*2019_Edge*V2R2*
echo "exit=$?"
find "$TMP/c/stigdiff" -name '.*.tmp-*' | wc -l
