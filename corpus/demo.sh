#!/bin/sh
# make demo: the main job on the embedded data in corpus/.
set -e
SD=${1:-build/stigdiff}
C=corpus
EDGE19=$C/xccdf/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml

step() { printf '\n==> %s\n' "$*"; }

step "stigdiff unpack --list corpus/   (every benchmark in the embedded data)"
"$SD" unpack --list "$C"

step "stigdiff normalize Exchange 2019 Edge V2R2 (first 40 lines)"
"$SD" normalize "$EDGE19" | head -n 40

step "stigdiff map Exchange 2016 Edge V2R6 -> Exchange 2019 Edge V2R2 (a different product: content evidence; first 12 rows)"
"$SD" map "$C/xccdf/U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml" "$EDGE19" | head -n 12 || true

step "stigdiff lineage EMG2-803   (Exchange 2003 to Exchange 2019 V-259642; the curated hop is marked)"
"$SD" lineage EMG2-803
