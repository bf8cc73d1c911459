# Per NIST SP 800-53 control, the rules implementing it and counts per
# severity, in NIST order; rules mapping to no control at the end.
F=tests/fixtures/xccdf/exch19-edge-3rules-xccdf.xml
"$STIGDIFF" controls "$F"; echo "exit=$?"
"$STIGDIFF" controls --nist-rev 4 --format csv "$F"; echo "exit=$?"
# Under a list holding only two CCIs, two rules map to no control.
"$STIGDIFF" controls --cci tests/fixtures/cci/two-items.xml "$F"; echo "exit=$?"
"$STIGDIFF" controls --format json tests/fixtures/xccdf/exch19-edge-3rules-datastream.xml; echo "exit=$?"
# A whole release: control and rule counts.
"$STIGDIFF" controls --format json corpus/xccdf/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml |
	jq -c '[.benchmark.rules, (.controls | length), ([.controls[].rules | length] | add), (.["no-control"] | length), .controls[0].control]'
