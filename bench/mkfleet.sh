#!/bin/sh
# mkfleet.sh BINARY LIBRARY_XCCDF_DIR OUT_DIR N: a fleet of N checklists
# for `migrate` over folders (bench/55-fleet.sh): one template per STIG
# made with `checklist new` and filled by tests/fill-checklist.sh (Windows
# 10 V2R4, IE 11 V2R4, Chrome V2R6, .NET 4 V2R5; one multi-STIG template
# with Chrome and IE 11), copied once per asset under its own host name
# into OUT_DIR/site-<k>/; every 50th checklist is broken (cut in half).
set -e
SD=$1 L=$2 OUT=$3 N=$4
T=$OUT/.templates
mkdir -p "$T"
W10=$L/U_MS_Windows_10_STIG_V2R4_Manual-xccdf__15a4eeaf.zip
IE=$L/U_MS_IE11_STIG_V2R4_Manual-xccdf__752bc9cf.zip
CH=$L/U_Google_Chrome_STIG_V2R6_Manual-xccdf__f88b56bb.zip
NET=$L/U_MS_DotNet_Framework_4-0_STIG_V2R5_Manual-xccdf__c2601a32.zip
i=0
for b in "$W10" "$IE" "$CH" "$NET" "$CH $IE"; do
	# shellcheck disable=SC2086
	"$SD" checklist new -f -o "$T/empty.ckl" --host-name HOST $b
	sh tests/fill-checklist.sh "$T/empty.ckl" > "$T/t$i.ckl"
	i=$((i + 1))
done
k=0
while [ $k -lt "$N" ]; do
	d=$OUT/site-$((k % 4))
	mkdir -p "$d"
	t=$T/t$((k % 5)).ckl
	[ $((k % 25)) -eq 24 ] && t=$T/t4.ckl
	sed "s|<HOST_NAME>HOST</HOST_NAME>|<HOST_NAME>asset-$k</HOST_NAME>|" "$t" > "$d/asset-$k.ckl"
	if [ $((k % 50)) -eq 49 ]; then
		head -c "$(($(wc -c < "$d/asset-$k.ckl") / 2))" "$d/asset-$k.ckl" > "$d/tmp" && mv "$d/tmp" "$d/asset-$k.ckl"
	fi
	k=$((k + 1))
done
rm -rf "$T"
