#!/usr/bin/env bash
# Measures LiveKit node failover on the production topology (profile prod-test): the SIGKILL
# test of e2e/topology/calls.spec.ts, N times (default 5), then p50 and max of "SIGKILL to
# media back both ways", and the join times over TURN/UDP, TURN/TLS and direct. Speed is only
# measured here, never asserted beyond the issue's own 15 s (docs/decisions/016).
# Usage: scripts/bench-failover.sh [runs]   (after a build: it uses .next-test, like test.sh)
set -euo pipefail
source "$(dirname "$0")/lib/topology.sh"
runs=${1:-5}
ensure_topology_packages
ensure_node_modules
ensure_livekit
ensure_caddy
export PARLEY_TOPOLOGY_DIST_DIR=${PARLEY_TOPOLOGY_DIST_DIR:-.next-test}
[ -f "$ROOT/$PARLEY_TOPOLOGY_DIST_DIR/BUILD_ID" ] || die "no build in $PARLEY_TOPOLOGY_DIST_DIR: run scripts/test.sh (or next build) first"
topology_configure prod-test
trap 'topology_stop' EXIT
topology_start
export PARLEY_TEST_APP_URL="$PUBLIC_URL" PARLEY_TOPOLOGY="$RUN_DIR/topology.json" NODE_EXTRA_CA_CERTS="$CADDY_ROOT_CA"
PARLEY_CHROMIUM_HOME="$(topology_chromium_home)"
export PARLEY_CHROMIUM_HOME
log="$RUN_DIR/bench-failover.log"
(cd "$ROOT" && npx --no-install playwright test -c playwright.topology.config.ts -g "SIGKILL|TURN|directly" --repeat-each="$runs") | tee "$log" || warn "some runs failed (see $log); figures below are from the runs that got that far"
node -e '
const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n");
const pick = (re) => lines.map((l) => re.exec(l)).filter(Boolean).map((m) => Number(m[1])).sort((a, b) => a - b);
const show = (what, xs) => xs.length && console.log(`${what}: n=${xs.length} p50=${xs[Math.floor((xs.length - 1) / 2)]} ms max=${xs[xs.length - 1]} ms`);
show("SIGKILL -> media back both ways", pick(/SIGKILL failover: media back both ways (\d+) ms/));
show("join direct", pick(/join direct: media both ways (\d+) ms/));
show("join over TURN/udp", pick(/join over TURN\/udp: media both ways (\d+) ms/));
show("join over TURN/tls", pick(/join over TURN\/tls: media both ways (\d+) ms/));
' "$log"
