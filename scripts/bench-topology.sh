#!/usr/bin/env bash
# The production topology for `npm run bench`'s across-instances benchmark (bench/across-instances.ts
# runs this): `start` brings up profile 'prod-bench' (scripts/lib/topology.sh: the edge, Caddy,
# Redis, two LiveKit nodes, two app instances, PostgreSQL) on the bench's own build, with
# rate limits counting as in the single-node bench; `stop-app N` stops one instance;
# `stop` stops everything. Ports move with PARLEY_PORT_OFFSET like every profile's.
set -euo pipefail
source "$(dirname "$0")/lib/topology.sh"

ensure_topology_packages
ensure_caddy
# The bench's production build (scripts/bench.sh built it): nothing in it is per-profile.
export PARLEY_TOPOLOGY_DIST_DIR=${PARLEY_TOPOLOGY_DIST_DIR:-.next-bench}
# Its own profile, not 'prod': scripts/up.sh --production runs that one with a person's data,
# and the benchmark's load and its final stop must not touch it.
topology_configure prod-bench
export RATE_LIMITS='{"scale":100000}'
case "${1:-}" in
  start) topology_start >&2 ;;
  stop-app) stop_background "app-$2" >&2 ;;
  stop) topology_stop >&2 ;;
  *) die "usage: bench-topology.sh start | stop-app N | stop" ;;
esac
# Where everything is, for the benchmark (topology_describe wrote it on start).
echo "$RUN_DIR/topology.json"
