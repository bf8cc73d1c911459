# An import larger than what it holds in memory writes several packs as
# it goes (forced here to one per release): same commits as one pack,
# stock git finds the corpus valid, and a re-import finds it complete.
$STIGDIFF corpus init "$TMP/one" >/dev/null
$STIGDIFF corpus import -C "$TMP/one" corpus/ >/dev/null
$STIGDIFF corpus init "$TMP/many" >/dev/null
SD_TEST_CORPUS_FLUSH_BYTES=1 $STIGDIFF corpus import -C "$TMP/many" corpus/ | tail -n 1
ls "$TMP/many/objects/pack" | grep -c '\.pack$'
git -C "$TMP/one" for-each-ref > "$TMP/one.refs"
git -C "$TMP/many" for-each-ref | cmp -s - "$TMP/one.refs" && echo "same refs"
git -C "$TMP/many" fsck --strict --no-dangling && echo "fsck clean"
$STIGDIFF corpus import -C "$TMP/many" corpus/ | tail -n 1
