# Exchange 2016 Edge Transport V2R6 -> Exchange 2019 Edge V2R2: a move to
# the next product, matched on content. The whole Markdown report: every
# decision with its evidence, and the work that did not land in full.
R=$PWD X=$PWD/corpus/xccdf
cd "$TMP"
"$STIGDIFF" checklist new -o old.ckl "$X/U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml"
sh "$R/tests/fill-checklist.sh" old.ckl > edge16.ckl
"$STIGDIFF" migrate edge16.ckl --to "$X/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml" -o edge19.ckl --report report.md
echo "exit=$?"
"$STIGDIFF" checklist check edge19.ckl
cat report.md
echo "--- the value the report suggests carries the candidate"
v=$(sed -n 's/.*(--accept-below \([0-9.]*\) would carry it).*/\1/p' report.md | head -n 1)
"$STIGDIFF" migrate edge16.ckl --to "$X/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml" --accept-below "$v" --report again.md
echo "exit=$?"
