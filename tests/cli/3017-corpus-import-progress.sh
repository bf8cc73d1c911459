# Long work shows a progress line on standard error: on a terminal, or
# with --progress; never with --quiet, nor when standard error is a file.
X=corpus/xccdf
shown() { tr '\r' '\n' | grep -q "^$1" && echo "$2: progress shown" || echo "$2: no progress"; }
$STIGDIFF corpus init "$TMP/c" >/dev/null
$STIGDIFF corpus import --progress -C "$TMP/c" $X/*2013* 2>&1 >/dev/null | shown 'import: reading: [0-9]*/11 files' "import --progress"
$STIGDIFF corpus init "$TMP/d" >/dev/null
$STIGDIFF corpus import -C "$TMP/d" $X/*2013* 2>&1 >/dev/null | shown 'import' "import, standard error a file"
$STIGDIFF corpus init "$TMP/e" >/dev/null
$STIGDIFF corpus import --progress --quiet -C "$TMP/e" $X/*2013* 2>&1 >/dev/null | shown 'import' "import --progress --quiet"
$STIGDIFF normalize --progress $X/*2013* 2>&1 >/dev/null | shown 'normalize: [0-9]*/11 files' "normalize --progress"
$STIGDIFF unpack --progress --list $X/*2013* 2>&1 >/dev/null | shown 'unpack: [0-9]*/11 files' "unpack --progress"
