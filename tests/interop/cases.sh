#!/bin/sh
# tests/interop/cases.sh STIGDIFF DIR: write into DIR the checklists the
# test suite makes (tests/cli 4000-4022): `checklist new` (one and two
# benchmarks, with asset options), filled as an assessor would
# (tests/fill-checklist.sh), converted both ways, migrated to the next
# release and product in both formats, edited by `checklist set`, and
# the well-formed fixtures of tests/fixtures/checklist converted both
# ways. Prints
# nothing; exit status 1 when stigdiff fails on one.
set -e
SD=$1 OUT=$2
R=$(cd "$(dirname "$0")/../.." && pwd)
X=$R/corpus/xccdf F=$R/tests/fixtures/checklist
E16=$X/U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml
M16=$X/U_MS_Exchange_2016_Mailbox_Server_STIG_V2R3_Manual-xccdf.xml
E19=$X/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml
M16b=$X/U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml
mkdir -p "$OUT"
cd "$OUT"
for f in ckl cklb; do
	"$SD" checklist new -f --host-name edge01 -o new-edge.$f "$E16"
	"$SD" checklist new -f --host-name mail01 --ip 10.0.0.9 --role "Member Server" \
		--web-or-database --web-db-site owa -o new-multi.$f "$E16" "$M16"
done
sh "$R/tests/fill-checklist.sh" new-edge.ckl > filled-edge.ckl
sh "$R/tests/fill-checklist.sh" new-multi.ckl > filled-multi.ckl
"$SD" checklist convert -f -o filled-edge.cklb filled-edge.ckl
"$SD" checklist convert -f -o filled-multi.cklb filled-multi.ckl
"$SD" checklist convert -f -o filled-edge-back.ckl filled-edge.cklb
for f in ckl cklb; do
	# A migration whose report lists lost work exits 1; the checklist is
	# still whole.
	"$SD" migrate -f filled-edge.$f --to "$E19" -o migrated-edge.$f --report migrated-edge-$f.md >/dev/null || [ $? -eq 1 ]
	"$SD" migrate -f filled-multi.$f --to "$E19" --to "$M16b" --host-name mail02 \
		-o migrated-multi.$f --report migrated-multi-$f.md >/dev/null || [ $? -eq 1 ]
done
cp filled-edge.cklb set-edge.cklb
"$SD" checklist set set-edge.cklb host-name=edge02 fqdn=edge02.example.mil
for src in "$F"/*.ckl "$F"/*.cklb; do
	b=fixture-$(basename "$src")
	cp "$src" "$b"
	# STIG Manager needs a host name; some fixtures have none. A fixture
	# malformed on purpose is refused (naming the line) and left out.
	if ! "$SD" checklist set "$b" host-name=fixture-host 2>/dev/null; then
		rm -f "$b"
		continue
	fi
	case $b in *.ckl) to=cklb ;; *) to=ckl ;; esac
	"$SD" checklist convert -f -o "$b.$to" "$b"
done
