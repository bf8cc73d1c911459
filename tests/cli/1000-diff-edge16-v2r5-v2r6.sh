# Text diff of two real consecutive releases: the summary line, the one
# changed rule with its word diff, one line per revision-only rule.
"$STIGDIFF" diff corpus/xccdf/U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R5_Manual-xccdf.xml \
	corpus/xccdf/U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml
echo "exit=$?"
