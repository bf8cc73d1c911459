# Stock git reads the corpus: fsck, log --follow on a rule file, diff
# between two release tags, blame, and a clone whose checkout holds
# every benchmark directory.
$STIGDIFF corpus init "$TMP/c" >/dev/null
$STIGDIFF corpus import -C "$TMP/c" corpus/ >/dev/null
cd "$TMP/c"
git fsck --strict --no-dangling && echo "fsck clean"
echo "--- git log --follow (benchmark branch)"
git log --format='%ad %s' --date=short --follow ms-exchange-2016-edge-transport-server -- ms-exchange-2016-edge-transport-server/V-221262.txt
echo "--- git log -p --follow on main, first change"
git log -p --format='%s' --follow -- ms-exchange-2016-edge-transport-server/V-221262.txt | sed -n '/^diff/,/^ms-exchange/p' | head -n 14
echo "--- git diff --stat between release tags"
git diff --stat ms-exchange-2019-edge-server/V2R1 ms-exchange-2019-edge-server/V2R2
echo "--- git diff between tags of one rule"
git diff ms-exchange-2019-edge-server/V2R1 ms-exchange-2019-edge-server/V2R2 -- ms-exchange-2019-edge-server/V-259619.txt
echo "--- git blame"
git blame -s ms-exchange-2016-edge-transport-server -- ms-exchange-2016-edge-transport-server/V-221262.txt | head -n 12
echo "--- git clone"
git clone -q "$TMP/c" "$TMP/clone" 2>&1
ls "$TMP/clone"
ls "$TMP/clone/ms-exchange-2019-edge-server" | head -n 3
ls "$TMP/clone/ms-exchange-2019-edge-server" | wc -l
git -C "$TMP/clone" log --oneline --follow -- ms-exchange-2019-edge-server/V-259642.txt | cut -c9-
