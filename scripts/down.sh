#!/usr/bin/env bash
# Stops what scripts/up.sh started (the app, LiveKit, PostgreSQL). Data stays in .data/.
# scripts/down.sh --production stops the production-like profile (scripts/up.sh --production).
set -euo pipefail
source "$(dirname "$0")/lib/topology.sh"
case "${1:-dev}" in
  --production | prod) topology_configure prod && topology_stop ;;
  prod-test) topology_configure prod-test && topology_stop ;;
  *) stack_configure "${1:-dev}" && stack_stop ;;
esac
