#!/usr/bin/env bash
# `npm run bench`: measures join time (beside a bare livekit-client page), token throughput
# (beside a minimal Next.js app), the join route across instances (the production topology,
# scripts/bench-topology.sh), end for all in browsers, room size, memory (a 10-minute soak)
# and page weight against a production build (next build + next start), the real LiveKit SFU
# and a real PostgreSQL, on the 'bench' profile's own ports (app 3200, LiveKit 7900,
# PostgreSQL 54349; PARLEY_PORT_OFFSET moves them), so dev and test stacks are left alone.
# Writes bench/results/<timestamp>.json and regenerates BENCHMARKS.md. Stops everything it
# started on exit. Pass benchmark names to run a subset, e.g.
# `npm run bench -- token-throughput page-weight`.
set -euo pipefail
source "$(dirname "$0")/lib/stack.sh"

started=$SECONDS
ensure_apt_packages postgresql chromium curl fonts-liberation
ensure_node
ensure_node_modules
ensure_livekit
stack_configure bench
trap 'stack_stop' EXIT

# Rate limits stay on and keep counting in PostgreSQL (their cost is part of every join), but
# scaled so far up that the load generator, one address hammering one invite, is never
# refused (docs/decisions/008-rate-limits.md, RATE_LIMITS).
export RATE_LIMITS='{"scale":100000}'

# Every run starts from the same state, an empty database, whatever earlier runs left (half a
# million members after three days of runs; docs/decisions/028-benchmark-floors.md).
pg_start fresh
livekit_start
app_build
app_start

# The integration helpers (signUpAndSignIn…) read the app's address from this variable.
export PARLEY_TEST_APP_URL="$APP_URL" PARLEY_BENCH_RUN_DIR="$RUN_DIR" PARLEY_BENCH_SETUP_SECONDS=$((SECONDS - started))
say "running benchmarks (setup took $((SECONDS - started))s)"
# NODE_ENV=production: @livekit/rtc-node logs every callback at debug level otherwise.
(cd "$ROOT" && NODE_ENV=production npx --no-install tsx bench/run.ts "$@")
say "benchmarks finished in $((SECONDS - started))s"
