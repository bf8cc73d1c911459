# Importing the embedded data: one commit per release in date order, a
# tag per release, a fixed identity and the benchmark date. The commit
# ids below are the same on any machine (nothing of the machine, the
# clock or the input paths enters a commit).
$STIGDIFF corpus init "$TMP/c" >/dev/null
$STIGDIFF corpus import -C "$TMP/c" corpus/; echo "exit=$?"
git -C "$TMP/c" fsck --strict --no-dangling; echo "fsck=$?"
git -C "$TMP/c" for-each-ref --format='%(objectname) %(refname)'
git -C "$TMP/c" log --format='%H %an <%ae> %ad %cd%n  %s' --date=iso-strict ms-exchange-2019-edge-server
