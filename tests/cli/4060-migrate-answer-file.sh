# migrate --answer-file: Evaluate-STIG answer files (tests/fixtures/
# answerfile) carried through migrate's matcher, gates and report: across
# DISA's renumbering (Exchange 2013 CAS V1R3 -> V2R1: every V-ID and rule
# id changes; an ID given as a rule id stays a rule id), across a release
# with changed checks (Exchange 2016 Mailbox V2R3 -> V2R6: a comment asks
# for review), a rule DISA removed (Exchange 2016 Edge V2R2 -> V2R6:
# removed from the file, in the report in full), a rule answered twice
# (by V-ID and rule id: the keys join under one ID) and an ID the old
# release does not have (left, reported). Everything else in the file is
# kept: validation code, comments, other answer keys.
X=$PWD/corpus/xccdf F=$PWD/tests/fixtures/answerfile
cd "$TMP"
"$STIGDIFF" migrate --answer-file "$F/exch13-cas-V1R3-answers.xml" "$X/U_MS_Exchange_2013_CAS_STIG_V1R3_Manual-xccdf.xml" \
	--to "$X/U_MS_Exchange_2013_CAS_STIG_V2R1_Manual-xccdf.xml" -o cas.xml --format json --report cas.json
echo "cas: exit=$?"
grep -E '<Vuln |stigdiff migrate' cas.xml
jq -c '.stigs[0].counts, (.stigs[0].rules[] | [.decision, .old."vuln-id", .new."vuln-id", .match.kind, ."check-changed"])' cas.json
"$STIGDIFF" migrate --answer-file "$F/exch16-mailbox-V2R3-answers.xml" "$X/U_MS_Exchange_2016_Mailbox_Server_STIG_V2R3_Manual-xccdf.xml" \
	--to "$X/U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml" -o mbx.xml --report mbx.md
echo "mailbox: exit=$?"
diff "$F/exch16-mailbox-V2R3-answers.xml" mbx.xml
grep '^###' mbx.md
sed -n '/^### Could not carry/,/^### Counts/p' mbx.md | grep -E '^####|Note|Vuln ID|ValidTrueComment'
"$STIGDIFF" migrate --answer-file "$F/exch16-edge-V2R2-answers.xml" "$X/U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R2_Manual-xccdf.xml" \
	--to "$X/U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml" -o edge.xml --format json --report edge.json
echo "edge: exit=$?"
grep -E '<Vuln |AnswerKey Name' edge.xml
jq -c '.stigs[0].rules[] | [.decision, .old."vuln-id", (.old."finding-details" | test("Auto-forwarding disabled by transport rule TR-3")), .note]' edge.json
# Answers for another STIG are refused unless --force; bad input: one line.
"$STIGDIFF" migrate --answer-file "$F/exch16-edge-V2R2-answers.xml" "$X/U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R2_Manual-xccdf.xml" \
	--to "$X/U_MS_Exchange_2013_CAS_STIG_V2R1_Manual-xccdf.xml" -o other.xml > other.log 2>&1
echo "other STIG: exit=$?"
sed "s|$F/||" other.log
printf '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<STIGComments><Vuln ID="&e;"/></STIGComments>\n' > xxe.xml
printf '<STIGComments>\n<Vuln ID="V-1"/>\n<Vuln ID="V-1"/>\n</STIGComments>\n' > twice.xml
printf '<CHECKLIST/>\n' > notaf.xml
for f in xxe twice notaf; do
	"$STIGDIFF" migrate --answer-file $f.xml "$X/U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R2_Manual-xccdf.xml" \
		--to "$X/U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml" -o out.xml
	echo "$f: exit=$?"
done
ls other.xml out.xml 2>/dev/null || echo "nothing written"
