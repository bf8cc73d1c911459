# A release present with other content (DISA re-published it) is kept as
# a second revision of its version, with a warning naming what differs;
# --replace replaces what the corpus holds instead and rebuilds the later
# history; a different benchmark whose id differs only in punctuation gets
# its own directory; broken input is reported per file while the rest is
# imported.
X=corpus/xccdf
V21=$X/U_MS_Exchange_2019_Edge_Server_STIG_V2R1_Manual-xccdf.xml
$STIGDIFF corpus init "$TMP/c" >/dev/null
$STIGDIFF corpus import -C "$TMP/c" $X/*2019_Edge* >/dev/null
mkdir "$TMP/in"
sed 's/Exchange must have the most current/Exchange must have the latest/' "$V21" > "$TMP/in/republished-V2R1.xml"
run() { "$STIGDIFF" "$@" > "$TMP/out" 2>&1; rc=$?; sed "s|$TMP|TMP|g" "$TMP/out"; echo "exit=$rc"; }
git -C "$TMP/c" for-each-ref > "$TMP/before"
run corpus import -C "$TMP/c" "$TMP/in/republished-V2R1.xml"
git -C "$TMP/c" log --format=%s ms-exchange-2019-edge-server
run corpus import -C "$TMP/c" --replace "$TMP/in/republished-V2R1.xml"
git -C "$TMP/c" log --format=%s ms-exchange-2019-edge-server
git -C "$TMP/c" show ms-exchange-2019-edge-server/V2R1:ms-exchange-2019-edge-server/V-259644.txt | grep 'latest'
git -C "$TMP/c" fsck --strict --no-dangling && echo "fsck clean"
echo "--- same slug, other benchmark"
sed 's/id="MS_Exchange_2019_Edge_Server_STIG"/id="MS-Exchange-2019-Edge-Server-STIG"/' "$V21" > "$TMP/in/clash.xml"
run corpus import -C "$TMP/c" "$TMP/in/clash.xml"
git -C "$TMP/c" for-each-ref --format='%(refname)' refs/heads
echo "--- broken input among good"
printf '<Benchmark xmlns="http://checklists.nist.gov/xccdf/1.1" id="x"><Group' > "$TMP/in/broken-xccdf.xml"
run corpus import -C "$TMP/c" "$TMP/in/broken-xccdf.xml" $X/*2013_CAS_STIG_V1R1*
run corpus import -C "$TMP/c"
run corpus import -C "$TMP/c" "$TMP/in/missing.zip"
run corpus import -C "$TMP/c" "$TMP/in/broken-xccdf.xml"
mkdir "$TMP/empty"
run corpus import -C "$TMP/c" "$TMP/empty"
