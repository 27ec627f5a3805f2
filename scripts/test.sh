#!/usr/bin/env bash
# Command 2: set up what the tests need and run every suite (unit, integration,
# end-to-end) against a real PostgreSQL, the real LiveKit SFU and real Chromium.
# Uses its own 'test' profile (ports 3100/7890/54339), so a running dev stack is left
# alone, and stops everything it started. Exits non-zero on any failure.
# Then the production topology (profile prod-test, scripts/lib/topology.sh): HTTPS through the
# edge and Caddy, Redis, two LiveKit nodes with TURN, two app instances, and its own suites
# (e2e/topology) on the same build. `scripts/test.sh --no-topology` stops after the
# single-node suites (a developer's shortcut; CI and the README's command run everything).
set -euo pipefail
source "$(dirname "$0")/lib/topology.sh"

topology=yes
case "${1:-}" in
  "") ;;
  --no-topology) topology=no ;;
  *) die "usage: scripts/test.sh [--no-topology]" ;;
esac

started=$SECONDS
if [ "$topology" = yes ]; then
  ensure_topology_packages
  ensure_caddy
fi
test_stack_start

say "format check (Prettier)"
(cd "$ROOT" && npx --no-install prettier --check --log-level=warn .)
say "lint (ESLint, zero warnings)"
(cd "$ROOT" && npm run --silent lint)
say "import cycles (dpdm)"
(cd "$ROOT" && npm run --silent check:cycles)
say "type check (whole repository)"
(cd "$ROOT" && npx --no-install tsc --noEmit)
say "unit tests"
(cd "$ROOT" && npx --no-install vitest run --project unit)

test_stack_serve
say "integration tests"
(cd "$ROOT" && npx --no-install vitest run --project integration)
say "end-to-end tests (Chromium)"
(cd "$ROOT" && npx --no-install playwright test)
single_node_done=$SECONDS

if [ "$topology" = no ]; then
  say "single-node suites passed in $((SECONDS - started))s (production topology skipped: --no-topology)"
  exit 0
fi

# The single-node stack makes room (CPU, and nothing of it is needed any more).
trap - EXIT
stack_stop
export PARLEY_TOPOLOGY_DIST_DIR="$NEXT_DIST_DIR"
topology_configure prod-test
trap 'topology_stop' EXIT
say "production topology: starting the edge, Caddy, Redis, two LiveKit nodes, two app instances"
topology_start
export PARLEY_TEST_APP_URL="$PUBLIC_URL" PARLEY_TEST_RUN_DIR="$RUN_DIR" PARLEY_TOPOLOGY="$RUN_DIR/topology.json"
export NODE_EXTRA_CA_CERTS="$CADDY_ROOT_CA"
PARLEY_CHROMIUM_HOME="$(topology_chromium_home)"
export PARLEY_CHROMIUM_HOME
say "topology tests (HTTPS, nodes, app instances)"
(cd "$ROOT" && npx --no-install vitest run --project topology)
say "topology end-to-end tests (Chromium: TURN, node failover and drain, instance stop)"
(cd "$ROOT" && npx --no-install playwright test -c playwright.topology.config.ts)
say "production topology suites took $((SECONDS - single_node_done))s"

say "all test suites passed in $((SECONDS - started))s"
