# Test-only wiring for the app under test, sourced by scripts/test.sh before the app starts.
# Secrets live in .data/test/.env; this file only switches on what the tests exercise.
# shellcheck shell=bash

# Sign-in (docs/decisions/006-authentication.md). The OpenID Connect provider (npm
# oidc-provider) and the SMTP server (npm smtp-server) are started by the browser tests
# themselves (e2e/browser/support/identity-servers.ts, used by auth.spec.ts), on these loopback ports; it reads them back from OIDC_ISSUER and SMTP_URL. The
# PARLEY_TEST_*_PORT knobs let a developer run that spec against a dev stack while the test
# stack's ports are busy.
export OIDC_ISSUER="http://127.0.0.1:${PARLEY_TEST_OIDC_PORT:-$((3101 + ${PARLEY_PORT_OFFSET:-0}))}"
export OIDC_CLIENT_ID=parley-test
export OIDC_CLIENT_SECRET=parley-test-oidc-client-secret-not-a-real-one
export OIDC_NAME="Parley Test SSO"
export SMTP_URL="smtp://127.0.0.1:${PARLEY_TEST_SMTP_PORT:-$((2525 + ${PARLEY_PORT_OFFSET:-0}))}"
export EMAIL_FROM="Parley <no-reply@parley.test>"

# Rate limits (docs/decisions/008-rate-limits.md) stay ON at their production values. The
# app runs as if behind a reverse proxy (TRUST_PROXY=true), and the test runner's own
# loopback address is exempt, so the suites' many sign-ups and joins never trip a limit;
# e2e/integration/rate-limits.test.ts speaks as fresh addresses via X-Forwarded-For and
# meets the real limits.
export TRUST_PROXY=true
export RATE_LIMITS='{"exempt":["127.0.0.1","::1"]}'
