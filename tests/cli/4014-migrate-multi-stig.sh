# A checklist holding two STIGs (Edge and Mailbox). With one --to, the
# other STIG is left byte for byte as it was, and the report says so;
# with two, both move.
R=$PWD X=$PWD/corpus/xccdf
cd "$TMP"
"$STIGDIFF" checklist new -o e.ckl "$X/U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml"
"$STIGDIFF" checklist new -o m.ckl "$X/U_MS_Exchange_2016_Mailbox_Server_STIG_V2R3_Manual-xccdf.xml"
sh "$R/tests/fill-checklist.sh" m.ckl | sed -n '/<iSTIG>/,/<\/iSTIG>/p' > mailbox-istig
sh "$R/tests/fill-checklist.sh" e.ckl | awk '/<\/STIGS>/ { while ((getline l < "mailbox-istig") > 0) print l } { print }' > both.ckl
"$STIGDIFF" checklist stats both.ckl | grep rules
"$STIGDIFF" migrate both.ckl --to "$X/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml" -o one.ckl --report one.md
echo "exit=$?"
sed -n '/## STIGs left unchanged/,$p' one.md
sed -n '/<iSTIG>/,/<\/iSTIG>/p' both.ckl | tail -n +2 > before
sed -n '/<iSTIG>/,/<\/iSTIG>/p' one.ckl | tail -n +2 > after
# The Mailbox iSTIG (the second) is the same, line for line.
awk '/<iSTIG>/{n++} n==1' before > mb-before; awk '/<iSTIG>/{n++} n==1' after > mb-after
cmp mb-before mb-after && echo "mailbox STIG unchanged"
"$STIGDIFF" migrate both.ckl --to "$X/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml" --to "$X/U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml" -o two.ckl --report two.md
echo "exit=$?"
"$STIGDIFF" checklist check two.ckl
"$STIGDIFF" checklist stats two.ckl | grep rules
