# Every consecutive pair of releases in the embedded corpus, one line each.
"$STIGDIFF" diff --consecutive corpus/xccdf
echo "exit=$?"
"$STIGDIFF" diff --consecutive --format json --benchmark MS_Exchange_2019_Edge_Server_STIG corpus/xccdf |
	jq -c '.format, (.pairs[] | [.old.version, .new.version, .summary])'
