# Hostile or damaged checklists: a VULN twice, a status outside STIG
# Viewer's vocabulary, a 1 MB finding details, invalid UTF-8.
R=$PWD X=$PWD/corpus/xccdf
cd "$TMP"
TO=$X/U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml
"$STIGDIFF" checklist new -o old.ckl "$X/U_MS_Exchange_2016_Mailbox_Server_STIG_V2R3_Manual-xccdf.xml"
sh "$R/tests/fill-checklist.sh" old.ckl > filled.ckl
# The first VULN twice, the copy with its own comment.
awk '/<VULN>/ { n++ } n == 1 { v = v $0 "\n" } { print }
     /<\/VULN>/ && n == 1 { sub(/\(rule 1\)/, "(copy)", v); printf "%s", v; n++ }' filled.ckl > dup.ckl
"$STIGDIFF" checklist check dup.ckl | tail -1
"$STIGDIFF" migrate dup.ckl --to "$TO" -o dup-new.ckl --report dup.md; echo "exit=$?"
grep -A12 '^#### .*: duplicate' dup.md
"$STIGDIFF" checklist check dup-new.ckl
# A status STIG Viewer does not know.
sed '0,/<STATUS>NotAFinding</s//<STATUS>Passed</' filled.ckl > passed.ckl
"$STIGDIFF" migrate passed.ckl --to "$TO" -o passed-new.ckl --report passed.md; echo "exit=$?"
grep -c 'outside STIG Viewer' passed-new.ckl
grep 'status outside the vocabulary' passed.md
"$STIGDIFF" checklist check passed-new.ckl
# One megabyte of finding details is carried whole (16 bytes doubled 16
# times: appending them 65,536 times took mawk tens of seconds).
awk 'BEGIN { s = "0123456789abcdef"; while (length(s) < 1048576) s = s s }
     /<FINDING_DETAILS>/ && !done { sub(/<FINDING_DETAILS>.*<\/FINDING_DETAILS>/, "<FINDING_DETAILS>" s "</FINDING_DETAILS>"); done = 1 } { print }' filled.ckl > big.ckl
"$STIGDIFF" migrate big.ckl --to "$TO" -o big-new.ckl --report big.md; echo "exit=$?"
awk '/<FINDING_DETAILS>/ { sub(/^[ \t]*/, ""); l = length($0); if (l > max) max = l } END { print max - length("<FINDING_DETAILS></FINDING_DETAILS>") }' big-new.ckl
# Invalid UTF-8: refused, nothing written.
sed '0,/<COMMENTS>/s//<COMMENTS>\xff\xfe /' filled.ckl > bad.ckl
"$STIGDIFF" migrate bad.ckl --to "$TO" -o bad-new.ckl --report bad.md; echo "exit=$?"
ls bad-new.ckl bad.md 2>&1 | sed 's/.*cannot access/cannot access/'
