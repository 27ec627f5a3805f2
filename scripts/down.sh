#!/usr/bin/env bash
# Stops what scripts/up.sh started (the app, LiveKit, PostgreSQL). Data stays in .data/.
set -euo pipefail
source "$(dirname "$0")/lib/stack.sh"
stack_configure "${1:-dev}"
stack_stop
