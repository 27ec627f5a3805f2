#!/usr/bin/env bash
# Starts or stops one service of a local stack profile; used by fault-injection tests.
# Usage: scripts/service.sh <dev|test|bench> <postgres|livekit|app> <start|stop>
#        scripts/service.sh <prod|prod-test> <postgres|redis|livekit-1|livekit-2|app-1|app-2|proxy> <start|stop>
set -euo pipefail
source "$(dirname "$0")/lib/topology.sh"
[ $# -eq 3 ] || die "usage: scripts/service.sh <profile> <service> <start|stop>"
case "$1" in
  prod | prod-test)
    topology_configure "$1"
    case "$2:$3" in
      postgres:start) pg_start ;;
      postgres:stop) pg_stop ;;
      redis:start) redis_start ;;
      redis:stop) stop_background redis ;;
      livekit-[12]:start) livekit_node_start "${2#livekit-}" ;;
      livekit-[12]:stop) stop_background "$2" ;;
      app-[12]:start) topology_app_start "${2#app-}" ;;
      app-[12]:stop) stop_background "$2" ;;
      proxy:start) proxy_start ;;
      proxy:stop) stop_background edge && stop_background caddy ;;
      *) die "unknown service/action: $2 $3" ;;
    esac
    exit 0
    ;;
esac
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
