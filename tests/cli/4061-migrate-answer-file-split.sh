# migrate --answer-file on a DISA library pair (../shared): Windows 10
# V1R19 -> V2R2, where DISA renumbered every rule and split audit rules
# (WN10-AU-000055 became WN10-AU-000560 and -000565): an answer for a
# split rule is copied to each new rule, with its answer keys and
# validation code; the other answers follow their renumbered rules.
L=$SHARED/disa/library/xccdf
[ -d "$L" ] || { echo "SKIP: no DISA library at $L"; exit 77; }
O=$L/U_MS_Windows_10_STIG_V1R19_Manual-xccdf__6b01aaae.zip N=$L/U_MS_Windows_10_STIG_V2R2_Manual-xccdf__ffb41934.zip
cd "$TMP"
cat > win10.xml <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<STIGComments Name="Win10">
  <Vuln ID="V-63455">
    <AnswerKey Name="DEFAULT">
      <Answer Index="1" ExpectedStatus="O">
        <ValidationCode>return (auditpol /get /subcategory:"Logoff") -match "Success"</ValidationCode>
        <ValidTrueStatus>NotAFinding</ValidTrueStatus>
        <ValidTrueComment>Logoff auditing set by GPO "Audit Baseline".</ValidTrueComment>
        <ValidFalseStatus></ValidFalseStatus>
        <ValidFalseComment></ValidFalseComment>
      </Answer>
    </AnswerKey>
  </Vuln>
  <Vuln ID="WN10-00-000005">
    <AnswerKey Name="DEFAULT">
      <Answer Index="1" ExpectedStatus="NR">
        <ValidationCode></ValidationCode>
        <ValidTrueStatus>NotAFinding</ValidTrueStatus>
        <ValidTrueComment>Domain-joined workstation.</ValidTrueComment>
        <ValidFalseStatus></ValidFalseStatus>
        <ValidFalseComment></ValidFalseComment>
      </Answer>
    </AnswerKey>
  </Vuln>
</STIGComments>
XML
"$STIGDIFF" migrate --answer-file win10.xml "$O" --to "$N" -o new.xml --format json --report r.json
echo "exit=$?"
grep -E '<Vuln |stigdiff migrate|Logoff auditing' new.xml
jq -c '.stigs[0].rules[] | [.decision, .old."stig-id", .new."stig-id", .match.kind]' r.json
