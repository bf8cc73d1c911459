# Two imports into one corpus at once: they serialise on the lock (the
# second waits, then finds everything present), both succeed, and the
# result is that of one import. (check_corpus.c holds the lock itself to
# test waiting and --no-wait deterministically.)
X=corpus/xccdf
$STIGDIFF corpus init "$TMP/one" >/dev/null
$STIGDIFF corpus import -C "$TMP/one" $X >/dev/null
git -C "$TMP/one" for-each-ref > "$TMP/want"
$STIGDIFF corpus init "$TMP/c" >/dev/null
$STIGDIFF corpus import -C "$TMP/c" $X > "$TMP/a" 2>&1 &
a=$!
$STIGDIFF corpus import -C "$TMP/c" $X > "$TMP/b" 2>&1 &
b=$!
wait $a; echo "first exit=$?"
wait $b; echo "second exit=$?"
# Whichever ran second found every release present.
cat "$TMP/a" "$TMP/b" | grep -c '^added'
cat "$TMP/a" "$TMP/b" | grep '^nothing new'
git -C "$TMP/c" for-each-ref | cmp -s - "$TMP/want" && echo "same refs as one import"
git -C "$TMP/c" fsck --strict --no-dangling && echo "fsck clean"
