#!/usr/bin/env bash
# Command 1: set up everything and start Parley on this machine (no Docker needed).
# Installs what is missing (Debian packages, npm packages, the LiveKit SFU), creates the
# database, builds the app and starts PostgreSQL, LiveKit and the app in the background.
# Stop it all with scripts/down.sh.
#
# scripts/up.sh --production starts the production topology instead (docs/decisions/014-016):
# HTTPS through Caddy (its internal CA) behind the edge, Redis, two LiveKit nodes with TURN
# over UDP and TLS, two app instances, PostgreSQL. Stop it with scripts/down.sh --production.
set -euo pipefail
source "$(dirname "$0")/lib/topology.sh"

started=$SECONDS
ensure_apt_packages postgresql curl
ensure_node
ensure_node_modules
ensure_livekit

if [ "${1:-}" = "--production" ]; then
  ensure_topology_packages
  ensure_caddy
  topology_configure prod
  is_running app-1 || app_build
  topology_start
  say "Parley's production topology is running ($((SECONDS - started))s):"
  topology_print
  say "stop with: scripts/down.sh --production"
  exit 0
fi

stack_configure dev
pg_start
livekit_start
is_running app || app_build
app_start

say "Parley is running ($((SECONDS - started))s):"
say "  app        $APP_URL"
say "  health     $APP_URL/api/health"
say "  LiveKit    $LIVEKIT_URL"
say "  database   postgresql://parley@127.0.0.1:$PG_PORT/$DB_NAME (password in .env)"
say "  logs       $RUN_DIR/{app,livekit,postgres}.log"
say "stop with: scripts/down.sh"
