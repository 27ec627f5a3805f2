# syntax=docker/dockerfile:1
#
# Parley's app image: Next.js's standalone server plus the database migration runner.
#   docker compose up -d --build      (docker-compose.yml, settings in .env.example)
#   docker build -t parley .          (BuildKit, the default builder since Docker 23)
# At start the container applies pending migrations, then runs the server
# (scripts/docker-entrypoint.sh). Why it is built this way: docs/decisions/005-docker-compose.md.

# Node's major version must satisfy package.json "engines" (checked by e2e/config/compose.test.ts).
ARG NODE_IMAGE=node:24.22-bookworm-slim

# --- deps: every package of package-lock.json, dev ones too (the build and the migration
# runner need them) ----------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json .npmrc ./
COPY patches ./patches
# No install scripts, as on a developer machine, where package.json's "allowScripts" does it
# (the image's npm ignores that field): Prisma's postinstall would download native engines
# that Parley never uses. esbuild (for tsx) is the one package allowed to run its script, and
# our own postinstall, patch-package, applies patches/ (docs/decisions/033).
# `npm ci`: exactly what package-lock.json lists, or a failed build.
RUN npm ci --ignore-scripts --no-audit --no-fund \
 && npm rebuild esbuild \
 && npx --no-install patch-package --error-on-fail

# --- builder: Prisma client + next build ---------------------------------------------------
FROM deps AS builder
COPY . .
# Offline: prisma.config.ts points the CLI at a stub instead of downloading a native engine.
RUN npx --no-install prisma generate
RUN npx --no-install next build
# public/ is optional in Next.js; an empty one keeps the runtime stage's COPY simple.
RUN mkdir -p public

# --- migrate-deps: the node_modules folders that scripts/db needs, nothing else ------------
FROM deps AS migrate-deps
# Keep in step with the packages scripts/db imports (checked by e2e/config/compose.test.ts).
ARG MIGRATION_PACKAGES="tsx @prisma/schema-engine-wasm @prisma/driver-adapter-utils @prisma/adapter-pg pg"
# Prints the top-level node_modules folders that the named packages need, following the
# dependencies recorded in package-lock.json the way Node resolves them (a nested
# node_modules first, then each parent's); optional dependencies only where installed.
COPY <<'EOF' /tmp/package-closure.mjs
import { existsSync, readFileSync } from "node:fs";
const { packages } = JSON.parse(readFileSync("package-lock.json", "utf8"));
const seen = new Set();
function locate(from, name) {
  let dir = from;
  for (;;) {
    const candidate = (dir ? dir + "/" : "") + "node_modules/" + name;
    if (packages[candidate]) return candidate;
    if (!dir) return null;
    const parent = dir.lastIndexOf("/node_modules/");
    dir = parent === -1 ? "" : dir.slice(0, parent);
  }
}
function visit(path) {
  if (seen.has(path)) return;
  seen.add(path);
  const meta = packages[path];
  const required = Object.keys(meta.dependencies ?? {});
  const optional = [...Object.keys(meta.optionalDependencies ?? {}), ...Object.keys(meta.peerDependencies ?? {})];
  for (const name of [...required, ...optional]) {
    const target = locate(path, name);
    if (target && existsSync(target)) visit(target);
    else if (required.includes(name)) throw new Error(path + " needs " + name + ", which is not installed");
  }
}
for (const name of process.argv.slice(2)) {
  if (!packages["node_modules/" + name]) throw new Error(name + " is not in package-lock.json");
  visit("node_modules/" + name);
}
const folders = new Set([...seen].map((path) => path.split("/node_modules/")[0]));
console.log([...folders].sort().join("\n"));
EOF
RUN node /tmp/package-closure.mjs ${MIGRATION_PACKAGES} > /tmp/closure.txt \
 && mkdir -p /migrate/node_modules/.bin \
 && while read -r folder; do \
      mkdir -p "/migrate/$(dirname "$folder")" && cp -a "$folder" "/migrate/$folder"; \
    done < /tmp/closure.txt \
 && cp -a node_modules/.bin/tsx /migrate/node_modules/.bin/tsx

# --- runner: what the container runs ---------------------------------------------------------
FROM ${NODE_IMAGE} AS runner
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0

# The server: server.js with the node_modules Next traced for it, static assets, public/.
COPY --from=builder /app/.next/standalone ./
COPY --from=builder /app/.next/static ./.next/static
COPY --from=builder /app/public ./public
COPY scripts/app-workers.mjs ./app-workers.mjs

# The migration runner (scripts/db on the WASM schema engine) in its own folder, laid out as
# in the repository (migrate.ts finds prisma/ from its own path), with only its packages.
COPY --from=migrate-deps /migrate/node_modules ./migrate/node_modules
COPY package.json ./migrate/package.json
COPY prisma ./migrate/prisma
COPY scripts/db ./migrate/scripts/db
COPY --chmod=0755 scripts/docker-entrypoint.sh /usr/local/bin/parley-entrypoint

# Fail the build, not the first start, if the runner lacks a package: --help loads every
# module of migrate.ts before it prints. The app's files stay root-owned and read-only to the
# server; only Next's cache folder is writable.
RUN cd migrate \
 && ./node_modules/.bin/tsx scripts/db/migrate.ts --help > /dev/null \
 && rm -rf /tmp/tsx-* \
 && mkdir -p /app/.next/cache \
 && chown node:node /app/.next/cache

USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["parley-entrypoint"]
CMD ["node", "app-workers.mjs", "server.js"]
