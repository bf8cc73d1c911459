# --to may name a corpus release (BENCH@VERSION, -C DIR or
# $STIGDIFF_CORPUS): the same migration as from the XCCDF file.
R=$PWD X=$PWD/corpus/xccdf
"$STIGDIFF" corpus init "$TMP/c" >/dev/null
"$STIGDIFF" corpus import -C "$TMP/c" corpus/xccdf >/dev/null; echo "import exit=$?"
cd "$TMP"
"$STIGDIFF" checklist new -o old.ckl "$X/U_MS_Exchange_2016_Mailbox_Server_STIG_V2R3_Manual-xccdf.xml"
sh "$R/tests/fill-checklist.sh" old.ckl > filled.ckl
"$STIGDIFF" migrate filled.ckl -C c --to ms-exchange-2016-mailbox-server@V2R6 -o from-corpus.ckl --report c.md
echo "exit=$?"
"$STIGDIFF" migrate filled.ckl --to "$X/U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml" -o from-file.ckl --report f.md
echo "exit=$?"
# Only the file name the STIG came from differs.
diff from-file.ckl from-corpus.ckl
STIGDIFF_CORPUS=c "$STIGDIFF" migrate filled.ckl --to ms-exchange-2016-mailbox-server -o latest.ckl --report l.md
echo "exit=$?"
"$STIGDIFF" checklist check from-corpus.ckl latest.ckl
"$STIGDIFF" migrate filled.ckl -C c --to ms-exchange-2016-mailbox-server@V9R9; echo "exit=$?"
"$STIGDIFF" migrate filled.ckl -C c --to ms-exchange-2016-mailbox-server@V2R6:V-228354; echo "exit=$?"
