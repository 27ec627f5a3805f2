#!/usr/bin/env bash
# `npm run screenshots`: refreshes the README's pictures in docs/screenshots/ from a real call
# (the journey, phone and scheduled-meeting tests, on the test profile's stack). scripts/test.sh never writes
# them, so a test run leaves the working tree clean; run this when the UI changed.
set -euo pipefail
source "$(dirname "$0")/lib/stack.sh"

test_stack_start
test_stack_serve
say "taking screenshots (docs/screenshots/)"
(cd "$ROOT" && PARLEY_REFRESH_SCREENSHOTS=1 npx --no-install playwright test e2e/browser/journey.spec.ts e2e/browser/accessibility.spec.ts e2e/browser/scheduled-meeting.spec.ts \
  -g "whole journey|phone-sized|schedule, invite by email|the front door")
git -C "$ROOT" status --short docs/screenshots
