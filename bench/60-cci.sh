# DISA's CCI list (3 MB): reading it, and the controls of a benchmark.
cci_load=$(best_time "$SD" cci CCI-002418)
controls=$(best_time "$SD" controls "$XCCDF/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml")
echo "CCI list and RMF controls:"
report "stigdiff cci CCI-002418 (loads the list)" "${cci_load}s" "(target < 0.1)"
report "stigdiff controls (one release)" "${controls}s"
