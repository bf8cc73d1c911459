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
