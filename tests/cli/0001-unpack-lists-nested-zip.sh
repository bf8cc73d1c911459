# A zip inside a zip: the benchmark is found and named archive!member!member.
[ -d "$SHARED/disa/zips" ] || { echo "SKIP: $SHARED/disa/zips is absent"; exit 77; }
cd "$SHARED/disa/zips" && "$STIGDIFF" unpack U_Network_CSfC_WLAN_Policy_V1R3_STIG.zip
echo "exit=$?"
