# A filled Exchange 2016 Mailbox V2R3 checklist migrated to V2R6: every
# rule carried; those whose check text DISA changed are reset to
# Not_Reviewed with the old status in COMMENTS. The new checklist passes
# the structural check.
R=$PWD X=$PWD/corpus/xccdf
cd "$TMP"
"$STIGDIFF" checklist new -o old.ckl "$X/U_MS_Exchange_2016_Mailbox_Server_STIG_V2R3_Manual-xccdf.xml"
sh "$R/tests/fill-checklist.sh" old.ckl > filled.ckl
"$STIGDIFF" migrate filled.ckl --to "$X/U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml" -o new.ckl --report report.md
echo "exit=$?"
"$STIGDIFF" checklist check new.ckl
"$STIGDIFF" checklist stats new.ckl
sed -n '/^| decision | rules/,/^$/p' report.md
grep -c 'check text changed' new.ckl
grep -m1 'check text changed' new.ckl
