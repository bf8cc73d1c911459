# DISA's CCI list (3 MB): reading it (against xmllint reading the same
# file, the floor), and the controls of a benchmark. Was a unit test's
# wall-clock bound (check_cci.c) before issue 18.
CCI=corpus/cci/U_CCI_List.xml
cci_floor=$(best_time xmllint --noout "$CCI")
cci_load=$(best_time "$SD" cci CCI-002418)
controls=$(best_time "$SD" controls "$XCCDF/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml")
echo "CCI list and RMF controls:"
report "xmllint --noout of the CCI list (floor)" "${cci_floor}s"
report "stigdiff cci CCI-002418 (loads the list)" "${cci_load}s" "(target < 0.1)"
report "ratio to floor" "$(ratio "$cci_load" "$cci_floor")"
report "stigdiff controls (one release)" "${controls}s"
