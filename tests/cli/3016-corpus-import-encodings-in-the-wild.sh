# DISA's Word 2010 V1R11 circulates in two encodings: the one declaring
# UTF-8 but holding Windows-1252 bytes is read as Windows-1252 with one
# warning, and gives exactly the release of the UTF-8 file (unchanged);
# its curly quotes arrive as U+2018/U+2019. A UTF-16 document with a byte
# order mark is read; a UTF-16 script that is not XML is skipped.
L=tests/fixtures/library
run() { "$STIGDIFF" "$@" > "$TMP/out" 2>&1; rc=$?; sed "s|$L/||g" "$TMP/out"; echo "exit=$rc"; }
$STIGDIFF corpus init "$TMP/c" >/dev/null
run corpus import -C "$TMP/c" $L/word2010-V1R11-cp1252.xml $L/word2010-V1R11-utf8.xml
$STIGDIFF corpus show -C "$TMP/c" microsoft-word-2010:V-17173 | grep -o "the ‘winword.exe’ check box" | head -n 1
$STIGDIFF normalize $L/word2010-V1R11-cp1252.xml 2>/dev/null | grep -v '<source>' > "$TMP/a.xml"
$STIGDIFF normalize $L/word2010-V1R11-utf8.xml | grep -v '<source>' > "$TMP/b.xml"
cmp -s "$TMP/a.xml" "$TMP/b.xml" && echo "both encodings normalize alike"
$STIGDIFF unpack --list $L/exch19-edge-3rules-utf16.xml | cut -f 2-
$STIGDIFF unpack --verbose --list $L/compilation.zip 2>&1 >/dev/null | grep '\.sql' | sed "s|$L/||g"
