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

# The main job: the embedded data as a git history, then questions to it.
CORPUS=$(mktemp -d "${TMPDIR:-/tmp}/stigdiff-demo-XXXXXX")
trap 'rm -rf "$CORPUS"' EXIT

step "stigdiff corpus init + import corpus/   (every release as git history, in $CORPUS)"
"$SD" corpus init "$CORPUS/c"
"$SD" corpus import -C "$CORPUS/c" "$C" | tail -n 4

step "stigdiff corpus list ms-exchange-2016-edge-transport-server   (its releases)"
"$SD" corpus list -C "$CORPUS/c" ms-exchange-2016-edge-transport-server

step "stigdiff corpus log EX16-ED-000690   (one rule through every release)"
"$SD" corpus log -C "$CORPUS/c" EX16-ED-000690

step "stigdiff corpus search send connectors encryption"
"$SD" corpus search -C "$CORPUS/c" send connectors encryption | tail -n 6

step "git log --follow on a rule file (stock git reads the corpus)"
git -C "$CORPUS/c" log --format='%ad %s' --date=short --follow -- ms-exchange-2019-edge-server/V-259642.txt
