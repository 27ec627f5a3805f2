# Shared helpers for Parley's local-stack scripts. Source it; do not run it.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export ROOT
LIVEKIT_VERSION="1.13.5" # keep equal to the image tag in docker-compose.yml (checked by a test)
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"

say() { printf '\033[1;34m[parley]\033[0m %s\n' "$*"; }
warn() { printf '\033[1;33m[parley]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[parley]\033[0m %s\n' "$*" >&2; exit 1; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Installs Debian packages that are missing (apt-get update once, only if needed).
ensure_apt_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
}

# Installs npm packages when package.json or the lockfile changed since the last install
# (a stamp in node_modules), then generates the Prisma client (needed before any build or
# test). `npm install` rather than `npm ci`: the registries reachable here do not serve the
# other platforms' optional packages (e.g. @next/swc-darwin-arm64), so no lockfile written
# here lists them, and `npm ci` refuses such a lockfile. Versions stay pinned by the lockfile.
ensure_node_modules() {
  cd "$ROOT"
  local stamp=node_modules/.parley-install-stamp want
  want=$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "installing npm packages"
    npm install --no-fund --no-audit --loglevel=error
    want=$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)
    echo "$want" >"$stamp"
  fi
  if [ ! -f lib/generated/prisma/client.ts ] || [ prisma/schema.prisma -nt lib/generated/prisma/client.ts ]; then
    npx --no-install prisma generate >/dev/null
  fi
}

# Builds the real LiveKit SFU from the Go module proxy unless the pinned version is there.
ensure_livekit() {
  local bin="$ROOT/.bin/livekit-server"
  if [ -x "$bin" ] && "$bin" --version 2>/dev/null | grep -q " $LIVEKIT_VERSION\$"; then return 0; fi
  command -v go >/dev/null || die "Go is required to build livekit-server (https://go.dev/dl/)"
  say "building livekit-server v$LIVEKIT_VERSION (first time: a few minutes)"
  mkdir -p "$ROOT/.bin"
  GOTOOLCHAIN=local CGO_ENABLED=0 GOBIN="$ROOT/.bin" \
    go install "github.com/livekit/livekit-server/cmd/server@v$LIVEKIT_VERSION"
  mv "$ROOT/.bin/server" "$bin"
}

random_secret() { head -c 32 /dev/urandom | base64 | tr -d '/+=\n' | head -c 43; }

# Polls a URL until it answers 2xx, or dies after $2 seconds naming $3 and its log $4.
wait_for_http() {
  local url=$1 seconds=$2 what=$3 log=${4:-}
  local deadline=$((SECONDS + seconds))
  until curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; do
    if [ $SECONDS -ge $deadline ]; then
      [ -n "$log" ] && tail -n 40 "$log" >&2
      die "$what did not become ready at $url within ${seconds}s${log:+ (log: $log)}"
    fi
    sleep 0.3
  done
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
