#!/bin/sh
# fill-checklist.sh IN.ckl > OUT.ckl: fill an empty checklist written by
# `stigdiff checklist new` the same way every time, as an assessor would:
# statuses in turn (NotAFinding, Open, Not_Applicable, NotAFinding,
# Not_Reviewed), finding details and a comment naming each rule's STIG id,
# and on every seventh rule a severity override with its justification.
# Used by the golden CLI cases, corpus/demo.sh and bench/50-migrate.sh.
exec awk '
/<VULN_ATTRIBUTE>Rule_Ver<\/VULN_ATTRIBUTE>/ { want = 1 }
want && /<ATTRIBUTE_DATA>/ {
	sid = $0
	sub(/.*<ATTRIBUTE_DATA>/, "", sid)
	sub(/<\/ATTRIBUTE_DATA>.*/, "", sid)
	want = 0
}
/<VULN>/ { n++ }
/<STATUS>/ {
	split("NotAFinding Open Not_Applicable NotAFinding Not_Reviewed", st, " ")
	sub(/<STATUS>.*<\/STATUS>/, "<STATUS>" st[(n - 1) % 5 + 1] "</STATUS>")
}
/<FINDING_DETAILS>/ {
	sub(/<FINDING_DETAILS>.*<\/FINDING_DETAILS>/,
	    "<FINDING_DETAILS>Checked " sid " on the host: setting as required.</FINDING_DETAILS>")
}
/<COMMENTS>/ {
	sub(/<COMMENTS>.*<\/COMMENTS>/,
	    "<COMMENTS>Reviewed " sid " with the site ISSO (rule " n ").</COMMENTS>")
}
/<SEVERITY_OVERRIDE>/ && n % 7 == 1 {
	sub(/<SEVERITY_OVERRIDE>.*<\/SEVERITY_OVERRIDE>/,
	    "<SEVERITY_OVERRIDE>low</SEVERITY_OVERRIDE>")
}
/<SEVERITY_JUSTIFICATION>/ && n % 7 == 1 {
	sub(/<SEVERITY_JUSTIFICATION>.*<\/SEVERITY_JUSTIFICATION>/,
	    "<SEVERITY_JUSTIFICATION>Reachable only from the management enclave.</SEVERITY_JUSTIFICATION>")
}
{ print }
' "$1"
