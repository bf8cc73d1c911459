# NEW may hold many benchmarks: OLD is mapped to each; one '#' line names
# each pair, and the kinds are counted per pair.
"$STIGDIFF" map corpus/xccdf/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml corpus/xccdf |
	awk -F'\t' '/^# relation: / { next }
	    /^#/ { if (h) print h, n, c; h = $0; n = 0; c = 0; next }
		    $6 != "none" { n++ } $6 == "content" { c++ }
		    END { print h, n, c }'
