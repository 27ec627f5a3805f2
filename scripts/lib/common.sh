# Shared helpers for Parley's local-stack scripts. Source it; do not run it.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export ROOT
LIVEKIT_VERSION="1.13.5" # keep equal to the image tag in docker-compose.yml (checked by a test)
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"

# Node.js: the project runs on Node 24 LTS (package.json "engines"; Node 20 is past its end of
# life). Where the machine's Node is older, ensure_node fetches the official binary that the npm
# registry serves as the package node-linux-<arch> into .node/ (git-ignored) and puts it first
# on PATH, so npm, npx and every tool the scripts start run on it. The tarball is checked
# against the integrity pinned here, like a lockfile entry. See docs/decisions/017-node-24.md.
NODE_VERSION="24.22.3"
NODE_MAJOR="${NODE_VERSION%%.*}"
declare -A NODE_INTEGRITY=(
  [x64]="sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA=="
  [arm64]="sha512-IZx0J52/1NDwAsY2iyWR9nlPIYuYviTWetjj8+ElvYQh2+XRhLfCfkbFEF/2O5vGI2hcUbyPNHV+nz342FbJXw=="
)
NODE_DIR="$ROOT/.node"

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

# Installs npm packages when package.json, the lockfile or a patch in patches/ changed since
# the last install (a stamp in node_modules; npm's postinstall applies the patches, decision
# 033), then generates the Prisma client (needed before any build or test). `npm ci`: exactly the lockfile, or an error when package.json and the lockfile
# disagree (the registry now serves every platform's optional packages, so the lockfile lists
# them all and `npm ci` accepts it; checked 2026-11-29).
ensure_node_modules() {
  cd "$ROOT"
  local stamp=node_modules/.parley-install-stamp want
  want=$(cat package.json package-lock.json patches/* | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "installing npm packages"
    npm ci --no-fund --no-audit --loglevel=error
    want=$(cat package.json package-lock.json patches/* | sha256sum | cut -d' ' -f1)
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

node_major_of() { "$1" --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/'; }

# Puts the project-local Node first on PATH when the machine's own is older (no download).
use_project_node() {
  local system_major
  system_major=$(PATH="${PATH#"$NODE_DIR/bin:"}" node_major_of node)
  if [ "${system_major:-0}" -ge "$NODE_MAJOR" ]; then return 0; fi
  if [ -x "$NODE_DIR/bin/node" ] && [ ":$PATH:" != *":$NODE_DIR/bin:"* ]; then export PATH="$NODE_DIR/bin:$PATH"; fi
}

# Makes `node` a Node $NODE_MAJOR or newer: the machine's own, or the pinned one in .node/.
ensure_node() {
  use_project_node
  if [ "$(node_major_of node)" -ge "$NODE_MAJOR" ] 2>/dev/null; then return 0; fi
  command -v npm >/dev/null || die "npm is required to fetch Node $NODE_VERSION (any Node.js with npm will do)"
  local arch
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) die "no pinned Node $NODE_VERSION for $(uname -m); install Node $NODE_MAJOR yourself" ;;
  esac
  say "fetching Node $NODE_VERSION (node-linux-$arch) from the npm registry into .node/"
  local tmp integrity
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent --json "node-linux-$arch@$NODE_VERSION" >pack.json) || die "could not fetch node-linux-$arch@$NODE_VERSION"
  integrity=$(sed -n -E 's/.*"integrity": "([^"]+)".*/\1/p' "$tmp/pack.json" | head -n 1)
  [ "$integrity" = "${NODE_INTEGRITY[$arch]}" ] || die "node-linux-$arch@$NODE_VERSION integrity $integrity differs from the pinned one"
  rm -rf "$NODE_DIR" && mkdir -p "$NODE_DIR"
  tar -xzf "$tmp/node-linux-$arch-$NODE_VERSION.tgz" -C "$NODE_DIR" --strip-components=1 package/bin package/LICENSE
  rm -rf "$tmp"
  export PATH="$NODE_DIR/bin:$PATH"
  [ "$(node_major_of node)" = "$NODE_MAJOR" ] || die "the fetched Node does not run here"
}
use_project_node
