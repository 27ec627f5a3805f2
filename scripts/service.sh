#!/usr/bin/env bash
# Starts or stops one service of a local stack profile; used by fault-injection tests.
# Usage: scripts/service.sh <dev|test|bench> <postgres|livekit|app> <start|stop>
set -euo pipefail
source "$(dirname "$0")/lib/stack.sh"
[ $# -eq 3 ] || die "usage: scripts/service.sh <dev|test|bench> <postgres|livekit|app> <start|stop>"
stack_configure "$1"
case "$2:$3" in
  postgres:start) pg_start ;;
  postgres:stop) pg_stop ;;
  livekit:start) livekit_start ;;
  livekit:stop) stop_background livekit ;;
  app:start) app_start ;;
  app:stop) stop_background app ;;
  *) die "unknown service/action: $2 $3" ;;
esac
