#!/bin/sh
# Entry point of Parley's app image (Dockerfile; why: docs/decisions/005-docker-compose.md).
#
#   <command>   apply pending database migrations, then run <command> (default: node
#               app-workers.mjs server.js: APP_WORKERS server processes, scripts/app-workers.mjs)
#   migrate     apply pending migrations and exit, e.g. once before starting several app
#               containers: docker compose run --rm app migrate
#
# PARLEY_MIGRATE_ON_START=false skips the migration step before <command>.
# Migrations run on Prisma's schema engine compiled to WebAssembly (scripts/db/migrate.ts), so
# the image needs neither the Prisma CLI nor a native engine download.
set -eu

migrate() {
  echo "[parley] applying database migrations"
  if ! (cd /app/migrate && ./node_modules/.bin/tsx scripts/db/migrate.ts deploy); then
    echo "[parley] database migrations failed (see above); the server was not started" >&2
    exit 1
  fi
}

if [ "${1:-}" = "migrate" ]; then
  migrate
  exit 0
fi

if [ "${PARLEY_MIGRATE_ON_START:-true}" != "false" ]; then
  migrate
fi

exec "$@"
