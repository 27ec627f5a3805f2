# The production topology on one machine (docs/decisions/014-016): the edge (nginx, layer 4)
# and Caddy (HTTPS with its internal CA), Redis, two LiveKit nodes with TURN over UDP and TLS,
# two `next start` instances behind the proxy, PostgreSQL. Profiles:
#   prod      -> https://localhost:8443 (http :8088), apps :3350/:3351, LiveKit :7910/:7920,
#                Redis :6391, PostgreSQL :54359, TURN/UDP :3478/:3479   (scripts/up.sh --production)
#   prod-test -> https://localhost:8453 (http :8098), apps :3360/:3361, LiveKit :7930/:7940,
#                Redis :6392, PostgreSQL :54369, TURN/UDP :3488/:3489   (scripts/test.sh)
#   prod-bench -> https://localhost:8463 (http :8108), apps :3370/:3371, LiveKit :7950/:7960,
#                Redis :6393, PostgreSQL :54379, TURN/UDP :3498/:3499   (npm run bench)
# Every port moves with PARLEY_PORT_OFFSET. Checkouts side by side use offsets in hundreds, so
# no port here ends in the last two digits of a single-node profile's (scripts/lib/stack.sh:
# x00-x02 for the apps and OIDC, x80-x82/x90-x92/x00-x02 for LiveKit): one checkout's topology
# never takes another's test or dev stack port. Names under .localhost resolve to loopback in
# browsers, so no /etc/hosts change is needed; Node reaches them through 127.0.0.1.
# shellcheck shell=bash
source "$(dirname "${BASH_SOURCE[0]}")/stack.sh"

CADDY_VERSION="2.11.9" # keep equal to the caddy image tag in docker-compose.yml (checked by a test)
# What Debian 12 installs for the topology; docker-compose.yml pins the same upstream versions
# (checked by a test), and ensure_topology_packages says so when the machine has others.
REDIS_VERSION="7.0.15"
NGINX_VERSION="1.22.1"

# Builds Caddy from the Go module proxy unless the pinned version is there (like LiveKit).
ensure_caddy() {
  local bin="$ROOT/.bin/caddy"
  # `go install` leaves `caddy version` at "unknown"; the module version is in the build info.
  if [ -x "$bin" ] && go version -m "$bin" 2>/dev/null | grep -qE "^\s+mod\s+github.com/caddyserver/caddy/v2\s+v$CADDY_VERSION\s"; then return 0; fi
  command -v go >/dev/null || die "Go is required to build Caddy (https://go.dev/dl/)"
  say "building Caddy v$CADDY_VERSION (first time: a minute or two)"
  mkdir -p "$ROOT/.bin"
  GOTOOLCHAIN=local CGO_ENABLED=0 GOBIN="$ROOT/.bin" \
    go install "github.com/caddyserver/caddy/v2/cmd/caddy@v$CADDY_VERSION"
}

ensure_topology_packages() {
  ensure_apt_packages redis-server nginx-light libnginx-mod-stream libnss3-tools
  redis-server --version | grep -q "v=$REDIS_VERSION " || warn "redis-server is not $REDIS_VERSION (docker-compose.yml pins that one)"
  nginx -v 2>&1 | grep -q "nginx/$NGINX_VERSION" || warn "nginx is not $NGINX_VERSION (docker-compose.yml pins that one)"
}

topology_configure() {
  PROFILE=$1
  local base
  case "$PROFILE" in
    prod) base=0 DB_NAME=parley_prod ;;
    prod-test) base=1 DB_NAME=parley_prodtest ;;
    prod-bench) base=2 DB_NAME=parley_prodbench ;;
    *) die "unknown topology profile '$PROFILE' (prod, prod-test or prod-bench)" ;;
  esac
  local o=${PARLEY_PORT_OFFSET:-0}
  APP_PORTS=("$((3350 + 10 * base + o))" "$((3351 + 10 * base + o))")
  LK_PORTS=("$((7910 + 20 * base + o))" "$((7920 + 20 * base + o))")
  TURN_UDP_PORTS=("$((3478 + 10 * base + o))" "$((3479 + 10 * base + o))")
  TURN_TCP_PORTS=("$((LK_PORTS[0] + 3))" "$((LK_PORTS[1] + 3))")
  PG_PORT=$((54359 + 10 * base + o))
  REDIS_PORT=$((6391 + base + o))
  HTTPS_PORT=$((8443 + 10 * base + o))        # the edge: public HTTPS and TURN/TLS
  HTTP_PORT=$((8088 + 10 * base + o))         # Caddy: redirects to HTTPS
  CADDY_HTTPS_PORT=$((HTTPS_PORT + 1))        # Caddy behind the edge (PROXY protocol)
  CADDY_LIVEKIT_API_PORT=$((HTTPS_PORT + 2))  # loopback only: app -> LiveKit server API
  CADDY_WEBHOOK_PORT=$((HTTPS_PORT + 3))      # loopback only: LiveKit webhooks -> app
  TURN_TLS_TERMINATOR_PORT=$((HTTPS_PORT + 4)) # loopback only: the edge's TLS end for TURN
  CADDY_ADMIN_PORT=$((HTTPS_PORT + 5))        # loopback only: Caddy's admin API
  RELAY_RANGE_START=$((30000 + 2000 * base + o))
  DOMAIN=localhost
  TURN_DOMAIN=turn.localhost
  PUBLIC_URL="https://$DOMAIN:$HTTPS_PORT"
  DATA_DIR="$ROOT/.data/$PROFILE"
  RUN_DIR="$ROOT/.run/$PROFILE"
  ENV_FILE="$DATA_DIR/.env"
  mkdir -p "$DATA_DIR" "$RUN_DIR"
  # Same names as the single-node stack, so pg_start/pg_stop and the tests' helpers work.
  APP_PORT=${APP_PORTS[0]} LK_PORT=${LK_PORTS[0]}
  topology_env_file
  sync_env_ports
  set -a
  # shellcheck disable=SC1090
  source "$ENV_FILE"
  set +a
  export APP_URL="$PUBLIC_URL" LIVEKIT_URL="wss://$DOMAIN:$HTTPS_PORT"
  export LIVEKIT_API_URL="http://127.0.0.1:$CADDY_LIVEKIT_API_PORT"
  # Caddy appends the visitor's address (which it gets from the edge's PROXY protocol).
  export TRUST_PROXY=true
  # The test runner's own address is exempt from rate limits, as in the single-node test stack.
  if [ "$PROFILE" = prod-test ]; then export RATE_LIMITS='{"exempt":["127.0.0.1","::1"]}'; fi
  # scripts/test.sh runs the topology on the build its other suites just tested (the build
  # holds no address or secret: everything is read at run time), instead of building twice.
  export NEXT_DIST_DIR="${PARLEY_TOPOLOGY_DIST_DIR:-.next-$PROFILE}"
  CADDY_STORAGE="$DATA_DIR/caddy"
  CADDY_ROOT_CA="$CADDY_STORAGE/pki/authorities/local/root.crt"
}

topology_env_file() {
  [ -f "$ENV_FILE" ] && return 0
  local pg_password
  pg_password=$(random_secret)
  umask 077
  cat >"$ENV_FILE" <<ENV
# Generated by scripts/lib/topology.sh for the '$PROFILE' profile. Secrets are random per machine.
AUTH_SECRET=$(random_secret)
POSTGRES_PASSWORD=$pg_password
DATABASE_URL=postgresql://parley:$pg_password@127.0.0.1:$PG_PORT/$DB_NAME
LIVEKIT_API_KEY=parley
LIVEKIT_API_SECRET=$(random_secret)
ENV
  umask 022
}

redis_start() {
  if is_running redis; then return 0; fi
  port_in_use "$REDIS_PORT" && die "port $REDIS_PORT is taken by another process; stop it first"
  # In the foreground of its own process group (start_background), nothing saved to disk:
  # LiveKit keeps only routing state there, rebuilt as nodes and rooms come back.
  start_background redis redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no
  local deadline=$((SECONDS + 15))
  until redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; do
    [ $SECONDS -ge $deadline ] && { tail -n 20 "$RUN_DIR/redis.log" >&2; die "Redis did not start on :$REDIS_PORT"; }
    sleep 0.2
  done
}

topology_render_env() {
  export TOPOLOGY_LIVEKIT_PORTS="${LK_PORTS[0]},${LK_PORTS[1]}"
  export TOPOLOGY_TURN_UDP_PORTS="${TURN_UDP_PORTS[0]},${TURN_UDP_PORTS[1]}"
  export TOPOLOGY_TURN_TCP_PORTS="${TURN_TCP_PORTS[0]},${TURN_TCP_PORTS[1]}"
  export TOPOLOGY_REDIS_ADDRESS="127.0.0.1:$REDIS_PORT"
  export TOPOLOGY_RELAY_RANGE_START=$RELAY_RANGE_START
  export TOPOLOGY_WEBHOOK_URL="http://127.0.0.1:$CADDY_WEBHOOK_PORT/api/livekit/webhook"
  export TOPOLOGY_RUN_DIR=$RUN_DIR
  export PARLEY_DOMAIN=$DOMAIN PARLEY_TURN_DOMAIN=$TURN_DOMAIN
}

# livekit_node_start N (1 or 2)
livekit_node_start() {
  local n=$1 port=${LK_PORTS[$(($1 - 1))]}
  if is_running "livekit-$n"; then return 0; fi
  port_in_use "$port" && die "port $port is taken by another process; stop it first"
  topology_render_env
  node "$ROOT/scripts/topology/render.mjs" livekit "$n" >"$RUN_DIR/livekit-$n.yaml"
  LIVEKIT_KEYS="$LIVEKIT_API_KEY: $LIVEKIT_API_SECRET" LIVEKIT_WEBHOOK_API_KEY="$LIVEKIT_API_KEY" \
    start_background "livekit-$n" "$ROOT/.bin/livekit-server" --config "$RUN_DIR/livekit-$n.yaml"
  wait_for_http "http://127.0.0.1:$port/" 30 "LiveKit node $n" "$RUN_DIR/livekit-$n.log"
}

caddy_env() {
  topology_render_env
  export CADDY_HTTP_PORT=$HTTP_PORT CADDY_HTTPS_PORT CADDY_LIVEKIT_API_PORT CADDY_WEBHOOK_PORT
  export CADDY_STORAGE PARLEY_TLS_ISSUER=internal PARLEY_EDGE_CIDR=127.0.0.1/32 CADDY_INTERNAL_BIND=127.0.0.1
  export PARLEY_PUBLIC_HTTPS_SUFFIX=":$HTTPS_PORT"
  export LIVEKIT_UPSTREAMS="127.0.0.1:${LK_PORTS[0]} 127.0.0.1:${LK_PORTS[1]}"
  export APP_UPSTREAMS="127.0.0.1:${APP_PORTS[0]} 127.0.0.1:${APP_PORTS[1]}"
  export CADDY_ADMIN="127.0.0.1:$CADDY_ADMIN_PORT"
  # The test profile names the answering instance in a response header (expose-upstream.caddy).
  if [ "$PROFILE" = prod-test ]; then export PARLEY_CADDY_APP_PROXY_EXTRA="$ROOT/scripts/topology/expose-upstream.caddy"; fi
}

proxy_start() {
  if ! is_running caddy; then
    port_in_use "$CADDY_HTTPS_PORT" && die "port $CADDY_HTTPS_PORT is taken by another process; stop it first"
    caddy_env
    mkdir -p "$CADDY_STORAGE"
    # XDG_* keep Caddy's autosave and logs inside the profile.
    XDG_CONFIG_HOME="$RUN_DIR" XDG_DATA_HOME="$DATA_DIR" \
      start_background caddy "$ROOT/.bin/caddy" run --adapter caddyfile --config "$ROOT/scripts/topology/Caddyfile"
  fi
  if ! is_running edge; then
    port_in_use "$HTTPS_PORT" && die "port $HTTPS_PORT is taken by another process; stop it first"
    topology_render_env
    # nginx's workers read Caddy's key files (0600, owned by whoever runs Caddy) at each
    # TURN/TLS handshake, so they run as the same user.
    local user_line=""
    [ "$(id -u)" = 0 ] && user_line="user root;"
    NGINX_MAIN="$user_line
daemon off;
pid $RUN_DIR/edge.pid.nginx;
error_log $RUN_DIR/edge.log warn;
load_module /usr/lib/nginx/modules/ngx_stream_module.so;" \
      EDGE_LISTEN="127.0.0.1:$HTTPS_PORT" EDGE_ACCESS_LOG="$RUN_DIR/edge-access.log" CADDY_HTTPS_UPSTREAM="127.0.0.1:$CADDY_HTTPS_PORT" \
      TURN_TLS_TERMINATOR="127.0.0.1:$TURN_TLS_TERMINATOR_PORT" \
      CADDY_CERTIFICATES="$CADDY_STORAGE/certificates/local" \
      node "$ROOT/scripts/topology/render.mjs" edge >"$RUN_DIR/edge.nginx.conf"
    start_background edge nginx -p "$RUN_DIR" -c "$RUN_DIR/edge.nginx.conf" -e "$RUN_DIR/edge.log"
  fi
  # Caddy issues the certificates in the background; wait until both exist (nginx reads the
  # TURN one at each handshake) and the public URL answers through the edge.
  local deadline=$((SECONDS + 60)) cert="$CADDY_STORAGE/certificates/local/$TURN_DOMAIN/$TURN_DOMAIN.crt"
  until [ -s "$cert" ] && [ -s "$CADDY_ROOT_CA" ]; do
    [ $SECONDS -ge $deadline ] && { tail -n 30 "$RUN_DIR/caddy.log" >&2; die "Caddy did not issue its certificates (log: $RUN_DIR/caddy.log)"; }
    sleep 0.3
  done
}

topology_app_start() {
  local n=$1 port=${APP_PORTS[$(($1 - 1))]}
  if is_running "app-$n"; then return 0; fi
  port_in_use "$port" && die "port $port is taken by another process; stop it first"
  start_app_server "app-$n" "$port"
  wait_for_http "http://127.0.0.1:$port/api/health" 60 "app instance $n" "$RUN_DIR/app-$n.log"
}

topology_wait_public() {
  local deadline=$((SECONDS + 60))
  until curl -fsS -o /dev/null --max-time 3 --cacert "$CADDY_ROOT_CA" --resolve "$DOMAIN:$HTTPS_PORT:127.0.0.1" "$PUBLIC_URL/api/health"; do
    [ $SECONDS -ge $deadline ] && { tail -n 30 "$RUN_DIR/caddy.log" "$RUN_DIR/edge.log" >&2; die "$PUBLIC_URL did not answer through the proxy"; }
    sleep 0.5
  done
}

topology_start() {
  pg_start
  redis_start
  livekit_node_start 1
  livekit_node_start 2
  proxy_start
  topology_app_start 1
  topology_app_start 2
  topology_wait_public
  topology_describe
}

topology_stop() {
  stop_background app-1
  stop_background app-2
  stop_background edge
  stop_background caddy
  stop_background livekit-1
  stop_background livekit-2
  stop_background redis
  pg_stop
}

# What the tests need to find each part (e2e/topology/support/topology.ts).
topology_describe() {
  cat >"$RUN_DIR/topology.json" <<JSON
{
  "profile": "$PROFILE",
  "appUrl": "$PUBLIC_URL",
  "httpUrl": "http://$DOMAIN:$HTTP_PORT",
  "domain": "$DOMAIN",
  "turnDomain": "$TURN_DOMAIN",
  "httpsPort": $HTTPS_PORT,
  "rootCa": "$CADDY_ROOT_CA",
  "runDir": "$RUN_DIR",
  "redisPort": $REDIS_PORT,
  "livekitNodes": [
    { "name": "livekit-1", "port": ${LK_PORTS[0]}, "url": "ws://127.0.0.1:${LK_PORTS[0]}" },
    { "name": "livekit-2", "port": ${LK_PORTS[1]}, "url": "ws://127.0.0.1:${LK_PORTS[1]}" }
  ],
  "apps": [
    { "name": "app-1", "port": ${APP_PORTS[0]} },
    { "name": "app-2", "port": ${APP_PORTS[1]} }
  ]
}
JSON
}

# A browser profile home for the tests whose NSS database trusts Caddy's local root (what a
# person does once on a LAN: import the root). Chromium checks HTTPS and TURN/TLS against it.
topology_chromium_home() {
  local home="$RUN_DIR/chromium-home"
  rm -rf "$home" && mkdir -p "$home/.pki/nssdb"
  certutil -N -d "sql:$home/.pki/nssdb" --empty-password
  certutil -A -d "sql:$home/.pki/nssdb" -t "C,," -n "Parley local CA ($PROFILE)" -i "$CADDY_ROOT_CA"
  echo "$home"
}

topology_print() {
  say "  app          $PUBLIC_URL  (http://$DOMAIN:$HTTP_PORT redirects there)"
  say "  signalling   wss://$DOMAIN:$HTTPS_PORT/rtc  (LiveKit nodes :${LK_PORTS[0]} and :${LK_PORTS[1]}, Redis :$REDIS_PORT)"
  say "  TURN         udp $TURN_UDP_PORTS and ${TURN_UDP_PORTS[1]}; TLS turns:$TURN_DOMAIN (the edge, :$HTTPS_PORT)"
  say "  instances    http://127.0.0.1:${APP_PORTS[0]} and :${APP_PORTS[1]} (behind the proxy)"
  say "  database     postgresql://parley@127.0.0.1:$PG_PORT/$DB_NAME (password in $ENV_FILE)"
  say "  trust        the local CA is $CADDY_ROOT_CA (import it in your browser, or NODE_EXTRA_CA_CERTS)"
  say "  logs         $RUN_DIR/*.log"
}
