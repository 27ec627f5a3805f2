#!/usr/bin/env bash
# Command 2: set up what the tests need and run every suite (unit, integration,
# end-to-end) against a real PostgreSQL, the real LiveKit SFU and real Chromium.
# Uses its own 'test' profile (ports 3100/7890/54339), so a running dev stack is left
# alone, and stops everything it started. Exits non-zero on any failure.
set -euo pipefail
source "$(dirname "$0")/lib/stack.sh"

started=$SECONDS
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

say "all test suites passed in $((SECONDS - started))s"
