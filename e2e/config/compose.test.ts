/**
 * Static checks of the Docker deployment (docker-compose.yml, docker-compose.media-node.yml,
 * Dockerfile, .env.example, .dockerignore, scripts/livekit/livekit.docker.yaml, and the
 * topology's Caddyfile and edge template) against the rest of the repository:
 * the app's environment schema, the local stack's LiveKit version and config, the migration
 * runner's imports. Nothing here needs Docker; what only a running engine can show (images
 * pull, containers start) is not covered.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { InvalidEnvironmentError, parseServerEnv } from "@/lib/env";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

type Env = Record<string, string | undefined>;
type Yaml = Record<string, unknown>;

function asRecord(value: unknown, what: string): Yaml {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(`${what} is not a mapping`);
  }
  return value as Yaml;
}

// --- Compose's variable substitution ------------------------------------------------------

/** `$$`, `$VAR`, `${VAR}`, `${VAR:-x}`, `${VAR-x}`, `${VAR:?x}`, `${VAR?x}`, `${VAR:+x}`, `${VAR+x}`. */
const VARIABLE = /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

class MissingVariableError extends Error {}

function interpolate(text: string, env: Env): string {
  return text.replace(VARIABLE, (_match, dollar?: string, braced?: string, operator?: string, arg?: string, bare?: string) => {
    if (dollar) return "$";
    const name = (braced ?? bare) as string;
    const value = env[name];
    const unset = value === undefined;
    const empty = unset || value === "";
    switch (operator) {
      case ":-":
        return empty ? (arg ?? "") : (value as string);
      case "-":
        return unset ? (arg ?? "") : (value as string);
      case ":?":
      case "?":
        if (operator === ":?" ? empty : unset) throw new MissingVariableError(`${name}: ${arg ?? ""}`);
        return value as string;
      case ":+":
        return empty ? "" : (arg ?? "");
      case "+":
        return unset ? "" : (arg ?? "");
      default:
        return value ?? "";
    }
  });
}

/** Every string in a parsed YAML document, in order (keys too: compose interpolates values only, but a key with `$` would be a bug either way). */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([key, inner]) => [key, ...strings(inner)]);
  }
  return [];
}

function resolveDeep(value: unknown, env: Env): unknown {
  if (typeof value === "string") return interpolate(value, env);
  if (Array.isArray(value)) return value.map((inner) => resolveDeep(inner, env));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, resolveDeep(inner, env)]));
  }
  return value;
}

interface Reference {
  name: string;
  operator: string | undefined;
  argument: string | undefined;
}

function references(text: string): Reference[] {
  return [...text.matchAll(VARIABLE)]
    .filter((match) => !match[1])
    .map((match) => ({ name: (match[2] ?? match[5]) as string, operator: match[3], argument: match[4] }));
}

// --- Files ----------------------------------------------------------------------------------

const compose = asRecord(parse(read("docker-compose.yml")), "docker-compose.yml");
const services = asRecord(compose.services, "services");
const service = (name: string) => asRecord(services[name], `service ${name}`);

const dockerConfig = asRecord(parse(read("scripts/livekit/livekit.docker.yaml")), "livekit.docker.yaml");
const topologyNodeConfig = asRecord(parse(read("scripts/topology/livekit-node.yaml")), "livekit-node.yaml");
const topologyScript = read("scripts/lib/topology.sh");
const caddyfile = read("scripts/topology/Caddyfile");
const edgeTemplate = read("scripts/topology/edge.nginx.conf.template");
const mediaNode = asRecord(parse(read("docker-compose.media-node.yml")), "docker-compose.media-node.yml");
const pinned = (name: string) => new RegExp(`^${name}="([^"]+)"`, "m").exec(topologyScript)?.[1];
const localConfig = asRecord(parse(read("scripts/livekit/livekit.yaml")), "livekit.yaml");
const dockerfile = read("Dockerfile");
const entrypoint = read("scripts/docker-entrypoint.sh");

/** KEY=value lines of .env.example, each with the comment lines right above it. */
function readEnvExample(): Map<string, { value: string; comment: string[] }> {
  const entries = new Map<string, { value: string; comment: string[] }>();
  let comment: string[] = [];
  for (const line of read(".env.example").split("\n")) {
    const trimmed = line.trim();
    if (trimmed.startsWith("#")) {
      comment.push(trimmed.replace(/^#\s?/, ""));
      continue;
    }
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(trimmed);
    if (assignment) {
      const [, key, value] = assignment as unknown as [string, string, string];
      if (entries.has(key)) throw new Error(`.env.example sets ${key} twice`);
      entries.set(key, { value, comment });
    } else if (trimmed !== "") {
      throw new Error(`.env.example: cannot read line "${line}"`);
    }
    comment = [];
  }
  return entries;
}
const envExample = readEnvExample();

/** .env.example with its secrets (the entries that say how to generate them) filled in, the way a self-hoster's .env looks. */
function sampleEnv(): Env {
  const env: Env = {};
  for (const [key, { value, comment }] of envExample) {
    const secret = value === "" && comment.some((line) => line.startsWith("Generate:"));
    env[key] = secret ? randomBytes(32).toString("hex") : value;
  }
  return env;
}

/** A service's `environment`, list or mapping form, as a mapping of raw (uninterpolated) strings. */
function environmentOf(svc: Yaml): Record<string, string> {
  const raw = svc.environment;
  if (Array.isArray(raw)) {
    return Object.fromEntries(
      raw.map((item) => {
        const text = String(item);
        const equals = text.indexOf("=");
        return equals === -1 ? [text, ""] : [text.slice(0, equals), text.slice(equals + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(asRecord(raw, "environment")).map(([key, value]) => [key, String(value)]));
}

function resolvedEnvironment(name: string, env: Env): Record<string, string> {
  return Object.fromEntries(Object.entries(environmentOf(service(name))).map(([key, value]) => [key, interpolate(value, env)]));
}

interface PortMapping {
  published: number;
  target: number;
  protocol: "tcp" | "udp";
  /** How many consecutive ports from `published` ("30000-30199:30000-30199/udp" gives 200). */
  count?: number;
}

/** `ports` in short ("[ip:]published:target[/proto]") or long syntax; one port per entry. */
function portsOf(svc: Yaml): PortMapping[] {
  const raw = svc.ports;
  if (!Array.isArray(raw)) return [];
  return raw.map((entry): PortMapping => {
    if (typeof entry === "object" && entry !== null) {
      const long = entry as { published?: unknown; target?: unknown; protocol?: unknown };
      return {
        published: Number(long.published),
        target: Number(long.target),
        protocol: long.protocol === "udp" ? "udp" : "tcp",
      };
    }
    // A host address from a variable ("${PARLEY_PRIVATE_ADDRESS:-127.0.0.1}:3000:3000") is just an address here.
    const text = String(entry).replace(/\$\{[^}]+\}/g, "address");
    const match = /^(?:(?:\[[^\]]+\]|[^:]+):)?(\d+)(?:-(\d+))?:(\d+)(?:-(\d+))?(?:\/(tcp|udp))?$/.exec(text);
    if (!match) throw new Error(`unsupported port syntax: ${String(entry)}`);
    const mapping: PortMapping = { published: Number(match[1]), target: Number(match[3]), protocol: match[5] === "udp" ? "udp" : "tcp" };
    if (match[2]) {
      const count = Number(match[2]) - Number(match[1]) + 1;
      if (Number(match[4]) - Number(match[3]) + 1 !== count) throw new Error(`port ranges of different sizes: ${String(entry)}`);
      mapping.count = count;
    }
    return mapping;
  });
}

/** Every key path of a YAML document ("rtc.udp_port"); lists are leaves. */
function keyPaths(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => keyPaths(inner, prefix ? `${prefix}.${key}` : key));
}

/** Names lib/env.ts reports as "required but not set" for an empty environment. */
function requiredByAppSchema(): string[] {
  try {
    parseServerEnv({});
  } catch (error) {
    if (!(error instanceof InvalidEnvironmentError)) throw error;
    return error.problems
      .map((problem) => /^(\S+) is required but not set$/.exec(problem)?.[1])
      .filter((name): name is string => name !== undefined)
      .sort();
  }
  throw new Error("lib/env.ts accepted an empty environment");
}

/** Every variable lib/env.ts reads: the keys its schema looks up in the source it is given. */
function readByAppSchema(): string[] {
  const seen = new Set<string>();
  const source = new Proxy({} as Env, {
    get(_target, key) {
      if (typeof key === "string") seen.add(key);
      return undefined;
    },
  });
  try {
    parseServerEnv(source);
  } catch (error) {
    if (!(error instanceof InvalidEnvironmentError)) throw error;
  }
  return [...seen].sort();
}

/** Variables of lib/env.ts that docker-compose.yml deliberately does not pass to the app. */
const NOT_PASSED_TO_THE_APP: Record<string, string> = {
  NODE_ENV: "the image sets production",
};

function dockerignoreExcludes(file: string): boolean {
  const rules = read(".dockerignore")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const negated = line.startsWith("!");
      const pattern = (negated ? line.slice(1) : line).replace(/^\/+|\/+$/g, "");
      const regex = pattern
        .split(/(\*\*\/?|\*|\?)/)
        .map((part) => {
          if (part === "**" || part === "**/") return ".*";
          if (part === "*") return "[^/]*";
          if (part === "?") return "[^/]";
          return part.replace(/[.+^${}()|[\]\\]/g, "\\$&");
        })
        .join("");
      return { negated, matcher: new RegExp(`^${regex}$`) };
    });
  // A pattern excludes a path when it matches the path or one of its parent folders; the
  // last matching rule wins (Docker's behaviour).
  const segments = file.split("/");
  const candidates = segments.map((_, i) => segments.slice(0, i + 1).join("/"));
  let excluded = false;
  for (const rule of rules) {
    if (candidates.some((candidate) => rule.matcher.test(candidate))) excluded = !rule.negated;
  }
  return excluded;
}

// --- Tests ----------------------------------------------------------------------------------

describe("docker-compose.yml", () => {
  it("runs the production topology: edge, caddy, app, livekit, redis, postgres, each restarted unless stopped", () => {
    expect(Object.keys(services).sort()).toEqual(["app", "caddy", "edge", "livekit", "postgres", "redis"]);
    for (const name of Object.keys(services)) expect(service(name).restart, name).toBe("unless-stopped");
  });

  it("pins Caddy, Redis and nginx to the versions the local stack builds or installs (scripts/lib/topology.sh)", () => {
    expect(pinned("CADDY_VERSION")).toMatch(/^\d+\.\d+\.\d+$/);
    expect(service("caddy").image).toBe(`caddy:${pinned("CADDY_VERSION")}`);
    expect(service("redis").image).toBe(`redis:${pinned("REDIS_VERSION")}-bookworm`);
    expect(service("edge").image).toBe(`nginx:${pinned("NGINX_VERSION")}`);
  });

  it("pins LiveKit to the version the local stack builds (scripts/lib/common.sh)", () => {
    const version = /^LIVEKIT_VERSION="([^"]+)"/m.exec(read("scripts/lib/common.sh"))?.[1];
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(service("livekit").image).toBe(`livekit/livekit-server:v${version}`);
  });

  it("pins PostgreSQL 15 (the major the local stack installs) to a minor release", () => {
    expect(service("postgres").image).toMatch(/^postgres:15\.\d+-bookworm$/);
  });

  it("starts the app once postgres is healthy and livekit has started", () => {
    expect(service("app").depends_on).toEqual({
      postgres: { condition: "service_healthy" },
      livekit: { condition: "service_started" },
    });
    const healthcheck = asRecord(service("postgres").healthcheck, "postgres healthcheck");
    expect((healthcheck.test as string[]).slice(0, 2)).toEqual(["CMD", "pg_isready"]);
    expect(service("app").build).toMatchObject({ context: "." });
  });

  it("gives the app every variable lib/env.ts requires, and the result passes its schema", () => {
    const required = requiredByAppSchema();
    expect(required).toEqual(
      expect.arrayContaining(["AUTH_SECRET", "DATABASE_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET", "LIVEKIT_URL"]),
    );
    const appEnvironment = environmentOf(service("app"));
    for (const name of required) expect(Object.keys(appEnvironment), `app environment lacks ${name}`).toContain(name);

    const env = parseServerEnv({ NODE_ENV: "production", ...resolvedEnvironment("app", sampleEnv()) });
    // One name for the app and LiveKit's signalling, over TLS (docs/decisions/014).
    expect(env.APP_URL).toBe("https://localhost");
    expect(env.LIVEKIT_URL).toBe("wss://localhost");
    expect(env.TRUST_PROXY).toBe(true);
  });

  it("passes every other variable lib/env.ts reads to the app, and those its launcher reads", () => {
    const byApp = readByAppSchema();
    expect(byApp).toEqual(expect.arrayContaining(["APP_URL", "DATABASE_URL", "LIVEKIT_API_URL", "NODE_ENV"]));
    const byLauncher = [...new Set([...read("scripts/app-workers.mjs").matchAll(/process\.env\.([A-Z_]+)/g)].map(([, name]) => name))];
    expect(byLauncher).toEqual(["APP_WORKERS"]);
    const expected = [...byApp.filter((name) => !(name in NOT_PASSED_TO_THE_APP)), ...byLauncher].sort();
    expect(Object.keys(environmentOf(service("app"))).sort()).toEqual(expected);
  });

  it("has defaults equal to .env.example's values, and they pass the app's schema", () => {
    const defaults = references(strings(compose).join("\n")).filter((ref) => ref.operator === ":-");
    expect(defaults.length).toBeGreaterThan(0);
    for (const ref of defaults) expect(ref.argument, ref.name).toBe(envExample.get(ref.name)?.value);
    // Only the required secrets set: every optional variable falls back to compose's default.
    const secretsOnly = Object.fromEntries(
      ["POSTGRES_PASSWORD", "AUTH_SECRET", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET", "REDIS_PASSWORD"].map((key) => [
        key,
        randomBytes(32).toString("hex"),
      ]),
    );
    const env = parseServerEnv({ NODE_ENV: "production", ...resolvedEnvironment("app", secretsOnly) });
    expect(env.LIVEKIT_URL).toBe("wss://localhost");
    expect(env.OIDC_ISSUER).toBeUndefined();
  });

  it("points DATABASE_URL at the postgres service with its user, password and database", () => {
    const sample = sampleEnv();
    const database = resolvedEnvironment("postgres", sample);
    const url = new URL(resolvedEnvironment("app", sample).DATABASE_URL as string);
    expect(url.protocol).toBe("postgresql:");
    expect(url.hostname).toBe("postgres");
    expect(url.port).toBe("5432");
    expect(url.username).toBe(database.POSTGRES_USER);
    expect(decodeURIComponent(url.password)).toBe(sample.POSTGRES_PASSWORD);
    expect(url.pathname).toBe(`/${database.POSTGRES_DB}`);
  });

  it("has the server talk to LiveKit through Caddy, which balances over the nodes on LiveKit's configured port", () => {
    const caddy = resolvedEnvironment("caddy", sampleEnv());
    const url = new URL(resolvedEnvironment("app", sampleEnv()).LIVEKIT_API_URL as string);
    expect(`${url.protocol}//${url.hostname}:${url.port}`).toBe(`http://caddy:${caddy.CADDY_LIVEKIT_API_PORT}`);
    expect(caddy.LIVEKIT_UPSTREAMS?.trim()).toBe(`livekit:${dockerConfig.port}`);
    expect(resolvedEnvironment("caddy", { ...sampleEnv(), LIVEKIT_EXTRA_NODES: "10.0.0.12:7880" }).LIVEKIT_UPSTREAMS).toBe(
      `livekit:${dockerConfig.port} 10.0.0.12:7880`,
    );
  });

  it("lets the app scale: nothing published, Caddy finds every replica by the service's name", () => {
    expect(service("app").ports).toBeUndefined();
    expect(resolvedEnvironment("caddy", sampleEnv()).PARLEY_APP_UPSTREAMS_FILE).toBe("app-upstreams-docker.caddy");
    expect(read("scripts/topology/app-upstreams-docker.caddy")).toMatch(/dynamic a \{\s+name app\s+port 3000\b/);
  });

  it("gives Caddy every variable the Caddyfile reads, as the local stack does", () => {
    const needed = [...new Set([...caddyfile.matchAll(/\{\$([A-Z_]+)\}/g)].map((m) => m[1]!))].sort();
    expect(needed.length).toBeGreaterThan(5);
    const caddy = environmentOf(service("caddy"));
    for (const name of needed) expect(Object.keys(caddy), `caddy lacks ${name}`).toContain(name);
    for (const name of needed) expect(topologyScript, `scripts/lib/topology.sh does not set ${name}`).toMatch(new RegExp(`\\b${name}\\b`));
  });

  it("renders the edge's template with exactly the variables it uses, and routes TURN/TLS to LiveKit's TURN port", () => {
    const used = [...new Set([...edgeTemplate.matchAll(/\$\{([A-Z_]+)\}/g)].map((m) => m[1]!))].sort();
    const command = (service("edge").command as string[]).join(" ");
    const substituted = [...command.matchAll(/\$\{([A-Z_]+)\}/g)].map((m) => m[1]!).sort();
    expect(substituted).toEqual(used);
    expect(Object.keys(environmentOf(service("edge"))).sort()).toEqual(used);
    const edge = resolvedEnvironment("edge", sampleEnv());
    const caddy = resolvedEnvironment("caddy", sampleEnv());
    const turn = asRecord(dockerConfig.turn, "turn");
    expect(edge.CADDY_HTTPS_UPSTREAM).toBe(`caddy:${caddy.CADDY_HTTPS_PORT}`);
    expect(edge.LIVEKIT_TURN_SERVERS).toBe(`server livekit:${turn.tls_port};`);
    expect(edge.PARLEY_TURN_DOMAIN).toBe(caddy.PARLEY_TURN_DOMAIN);
    expect(edge.CADDY_CERTIFICATES).toBe(`${caddy.CADDY_STORAGE}/certificates/local`);
    expect(portsOf(service("edge"))).toEqual([{ published: 443, target: Number(edge.EDGE_LISTEN), protocol: "tcp" }]);
    expect(portsOf(service("caddy"))[0]).toEqual({ published: 80, target: Number(caddy.CADDY_HTTP_PORT), protocol: "tcp" });
  });

  it("gives LiveKit the same key and secret as the app, for tokens and webhooks", () => {
    const sample = sampleEnv();
    const app = resolvedEnvironment("app", sample);
    const livekit = resolvedEnvironment("livekit", sample);
    expect(livekit.LIVEKIT_KEYS).toBe(`${app.LIVEKIT_API_KEY}: ${app.LIVEKIT_API_SECRET}`);
    expect(livekit.LIVEKIT_WEBHOOK_API_KEY).toBe(app.LIVEKIT_API_KEY);
    expect(app.LIVEKIT_API_KEY).toBe(sample.LIVEKIT_API_KEY);
  });

  it("mounts livekit.docker.yaml where the livekit entrypoint reads its config (main server and media node)", () => {
    for (const livekit of [service("livekit"), asRecord(asRecord(mediaNode.services, "services").livekit, "media node")]) {
      const script = (livekit.entrypoint as string[]).join(" ");
      const configPath = /\s(\/etc\/livekit\/[a-z.]+) >/.exec(script)?.[1];
      expect(livekit.volumes).toContain(`./scripts/livekit/livekit.docker.yaml:${configPath}:ro`);
      expect(script).toContain("__PARLEY_TURN_DOMAIN__");
      expect(livekit.image).toBe(service("livekit").image);
    }
  });

  it("publishes exactly LiveKit's media and TURN/UDP ports, on the same host ports (signalling goes through the proxy)", () => {
    const rtc = asRecord(dockerConfig.rtc, "rtc");
    const turn = asRecord(dockerConfig.turn, "turn");
    const expected: PortMapping[] = [
      { published: Number(rtc.tcp_port), target: Number(rtc.tcp_port), protocol: "tcp" },
      { published: Number(rtc.udp_port), target: Number(rtc.udp_port), protocol: "udp" },
      { published: Number(turn.udp_port), target: Number(turn.udp_port), protocol: "udp" },
      {
        published: Number(turn.relay_range_start),
        target: Number(turn.relay_range_start),
        protocol: "udp",
        count: Number(turn.relay_range_end) - Number(turn.relay_range_start) + 1,
      },
    ];
    expect(portsOf(service("livekit"))).toEqual(expected);
    // A media node publishes the same, plus signalling on its private address for the proxy.
    const node = asRecord(asRecord(mediaNode.services, "services").livekit, "media node");
    expect(portsOf(node)).toEqual([
      { published: Number(dockerConfig.port), target: Number(dockerConfig.port), protocol: "tcp" },
      ...expected,
    ]);
  });

  it("exposes the app's container port, the one the image listens on", () => {
    const port = Number(/^ENV[^\n]*\bPORT=(\d+)/m.exec(dockerfile.replace(/\\\n\s*/g, " "))?.[1]);
    expect(port).toBe(3000);
    expect(service("app").expose).toEqual([String(port)]);
  });

  it("refuses to start without the secrets", () => {
    const required = new Set(
      references(strings(compose).join("\n"))
        .filter((ref) => ref.operator === ":?")
        .map((ref) => ref.name),
    );
    expect([...required].sort()).toEqual(["AUTH_SECRET", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET", "POSTGRES_PASSWORD", "REDIS_PASSWORD"]);
    const withoutSecret = { ...sampleEnv(), AUTH_SECRET: "" };
    expect(() => resolveDeep(compose, withoutSecret)).toThrow(/^AUTH_SECRET: /);
    // A copied .env.example is refused until its secrets are filled in.
    const copied = Object.fromEntries([...envExample].map(([key, { value }]) => [key, value]));
    expect(() => resolveDeep(compose, copied)).toThrow(MissingVariableError);
  });
});

describe(".env.example", () => {
  const documented = [...envExample.keys()].sort();
  const used = [...new Set(references(strings(compose).join("\n")).map((ref) => ref.name))].sort();

  it("documents every variable docker-compose.yml uses, and nothing else", () => {
    expect(used.length).toBeGreaterThan(0);
    expect(documented).toEqual(used);
  });

  it("explains each variable in a comment right above it", () => {
    for (const [key, { comment }] of envExample) {
      expect(comment.join(" ").length, `${key} has no comment`).toBeGreaterThan(20);
    }
  });

  it("ships no secret: secrets are empty, with the command that generates them", () => {
    for (const key of ["POSTGRES_PASSWORD", "AUTH_SECRET", "LIVEKIT_API_SECRET", "REDIS_PASSWORD"]) {
      const entry = envExample.get(key);
      expect(entry?.value, key).toBe("");
      expect(entry?.comment.join("\n"), key).toMatch(/Generate: openssl rand -(hex|base64) 32/);
    }
    // Hex only where the value goes into a URL (base64 has "/" and "+").
    expect(envExample.get("POSTGRES_PASSWORD")?.comment.join("\n")).toContain("openssl rand -hex 32");
  });
});

describe("scripts/livekit/livekit.docker.yaml", () => {
  it("has the local stack's keys, plus Redis, TURN, signal relay and room placement as the local topology's nodes have them", () => {
    // On one machine media stays on loopback (rtc.ips), which TURN must be allowed to relay
    // to; never in Docker, where the container's own interface carries it.
    const single = keyPaths(localConfig);
    const distributed = keyPaths(topologyNodeConfig).filter((key) => /^(redis|turn|signal_relay|node_selector)\./.test(key));
    expect(single).toContain("rtc.ips.includes");
    expect(distributed).toContain("turn.allow_restricted_peer_cidrs");
    expect(keyPaths(dockerConfig).sort()).toEqual(
      [
        ...single.filter((key) => key !== "rtc.ips.includes"),
        ...distributed.filter((key) => key !== "turn.allow_restricted_peer_cidrs"),
      ].sort(),
    );
    const turn = asRecord(dockerConfig.turn, "turn");
    expect(turn).toMatchObject({ enabled: true, external_tls: true, tls_port: asRecord(topologyNodeConfig.turn, "turn").tls_port });
    expect(dockerConfig.signal_relay).toEqual(topologyNodeConfig.signal_relay);
    expect(dockerConfig.node_selector).toEqual(topologyNodeConfig.node_selector);
  });

  it("uses the local stack's port numbers and room settings", () => {
    const dockerRtc = asRecord(dockerConfig.rtc, "rtc");
    const localRtc = asRecord(localConfig.rtc, "rtc");
    expect([dockerConfig.port, dockerRtc.tcp_port, dockerRtc.udp_port]).toEqual([7880, 7881, 7882]);
    expect([dockerConfig.port, dockerRtc.tcp_port, dockerRtc.udp_port]).toEqual([localConfig.port, localRtc.tcp_port, localRtc.udp_port]);
    expect(dockerConfig.room).toEqual(localConfig.room);
  });

  it("listens on every interface of the container and advertises no loopback candidate", () => {
    const rtc = asRecord(dockerConfig.rtc, "rtc");
    expect(dockerConfig.bind_addresses).toEqual(["0.0.0.0"]);
    expect(rtc.enable_loopback_candidate).toBe(false);
    // STUN discovery would stop LiveKit from starting without Internet access, and override NODE_IP.
    expect(rtc.use_external_ip).toBe(false);
    // The advertised address comes from NODE_IP, set by compose (LiveKit ignores NODE_IP when
    // the file sets node_ip), and defaults to the address a browser on the Docker host uses.
    expect(rtc.node_ip).toBe("");
    expect(interpolate(environmentOf(service("livekit")).NODE_IP ?? "", {})).toBe("127.0.0.1");
  });

  it("sends webhooks through Caddy (to whichever app instance is up), on the path the local stack uses", () => {
    const dockerUrls = asRecord(dockerConfig.webhook, "webhook").urls as string[];
    const localUrls = asRecord(localConfig.webhook, "webhook").urls as string[];
    expect(dockerUrls).toHaveLength(1);
    const url = new URL(dockerUrls[0] as string);
    expect(`${url.protocol}//${url.host}`).toBe(`http://caddy:${resolvedEnvironment("caddy", sampleEnv()).CADDY_WEBHOOK_PORT}`);
    expect(url.pathname).toBe(new URL(localUrls[0] as string).pathname);
  });
});

describe("the one-machine LiveKit configs (scripts/livekit/livekit.yaml, scripts/topology/livekit-node.yaml)", () => {
  it("keep media on the loopback address they advertise (decision 015)", () => {
    // Without the filter a second interface's socket can back the 127.0.0.1 candidate (which
    // one changes with each start), and then no TURN relay to that node ever connects.
    for (const config of [localConfig, topologyNodeConfig]) {
      const rtc = asRecord(config.rtc, "rtc");
      expect(rtc.node_ip).toBe("127.0.0.1");
      expect(asRecord(rtc.ips, "rtc.ips").includes).toEqual(["127.0.0.1/32"]);
    }
  });
});

describe("Dockerfile", () => {
  it("builds on a Node.js image whose major version satisfies package.json engines", () => {
    const engines = (JSON.parse(read("package.json")) as { engines: { node: string } }).engines.node;
    const minimum = /^>=\s*(\d+)\.(\d+)/.exec(engines);
    expect(minimum, `unexpected engines.node "${engines}"`).not.toBeNull();
    const images = [...dockerfile.matchAll(/\bnode:(\d+)\.(\d+)-bookworm-slim\b/g)];
    expect(images.length).toBeGreaterThan(0);
    for (const [image, major, minor] of images) {
      expect(Number(major), image).toBe(Number(minimum?.[1]));
      expect(Number(minor), image).toBeGreaterThanOrEqual(Number(minimum?.[2]));
    }
    // Every stage starts from that image (or from another stage).
    const stages = [...dockerfile.matchAll(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/gim)];
    const names = stages.map((stage) => stage[2]).filter(Boolean);
    for (const [line, base] of stages) expect(["${NODE_IMAGE}", ...names], line).toContain(base);
  });

  it("copies the migration runner's packages: every package scripts/db imports", () => {
    const listed = /^ARG MIGRATION_PACKAGES="([^"]+)"/m.exec(dockerfile)?.[1]?.split(/\s+/) ?? [];
    const imported = new Set<string>();
    for (const file of readdirSync(path.join(ROOT, "scripts/db")).filter((name) => name.endsWith(".ts"))) {
      for (const [, specifier] of read(`scripts/db/${file}`).matchAll(/\bfrom\s+"([^"]+)"/g)) {
        if (!specifier || specifier.startsWith(".") || specifier.startsWith("node:")) continue;
        const parts = specifier.split("/");
        imported.add(specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] as string));
      }
    }
    expect(imported.size).toBeGreaterThan(0);
    expect(listed).toEqual(expect.arrayContaining(["tsx", ...imported]));
  });

  it("starts with migrations via the WASM runner, then the standalone server through the workers launcher", () => {
    expect(dockerfile).toMatch(/^ENTRYPOINT \["parley-entrypoint"\]$/m);
    expect(dockerfile).toMatch(/^CMD \["node", "app-workers\.mjs", "server\.js"\]$/m);
    expect(dockerfile).toMatch(/^COPY scripts\/app-workers\.mjs \.\/app-workers\.mjs$/m);
    // The image has no node_modules of its own for it: Node's built-in modules only.
    const imports = [...read("scripts/app-workers.mjs").matchAll(/\bfrom\s+"([^"]+)"/g)].map(([, specifier]) => specifier);
    expect(imports.length).toBeGreaterThan(0);
    for (const specifier of imports) expect(specifier).toMatch(/^node:/);
    expect(dockerfile).toContain("COPY --chmod=0755 scripts/docker-entrypoint.sh /usr/local/bin/parley-entrypoint");
    expect(entrypoint).toContain("tsx scripts/db/migrate.ts deploy");
    expect(entrypoint).toMatch(/^exec "\$@"$/m);
    expect(existsSync(path.join(ROOT, "scripts/db/migrate.ts"))).toBe(true);
    expect(read("next.config.ts")).toMatch(/output:\s*"standalone"/);
  });

  it("applies patches/ to the installed packages, as npm's postinstall does on a developer machine", () => {
    // The image installs with --ignore-scripts, so patch-package runs as a step of its own.
    const install = dockerfile.indexOf("RUN npm ci --ignore-scripts");
    expect(dockerfile.indexOf("COPY patches ./patches")).toBeGreaterThan(-1);
    expect(dockerfile.indexOf("COPY patches ./patches")).toBeLessThan(install);
    expect(dockerfile.slice(install)).toMatch(/^ && npx --no-install patch-package --error-on-fail$/m);
    expect((JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts.postinstall).toBe("patch-package");
    // Each patch is for the version the lockfile installs (patch-package names the file so).
    const lock = JSON.parse(read("package-lock.json")) as { packages: Record<string, { version: string }> };
    const patches = readdirSync(path.join(ROOT, "patches"));
    expect(patches.length).toBeGreaterThan(0);
    for (const patch of patches) {
      const [, name, version] = /^(.+)\+(\d+\.\d+\.\d+)\.patch$/.exec(patch) ?? [];
      expect(name, patch).toBeDefined();
      expect(lock.packages[`node_modules/${name!.replace("+", "/")}`]?.version, patch).toBe(version);
    }
  });

  it("runs as a non-root user with a health check on /api/health", () => {
    const users = [...dockerfile.matchAll(/^USER\s+(\S+)/gm)].map((match) => match[1]);
    expect(users.at(-1)).toBe("node");
    expect(dockerfile).toMatch(/^HEALTHCHECK [^\n]*(?:\\\n[^\n]*)*\/api\/health/m);
    expect(existsSync(path.join(ROOT, "app/api/health/route.ts"))).toBe(true);
  });

  it("only copies files that exist and that .dockerignore lets into the build context", () => {
    const sources = [...dockerfile.matchAll(/^COPY\s+((?:--\S+\s+)*)(.+)$/gm)]
      .filter(([, flags]) => !flags?.includes("--from="))
      .filter(([, , rest]) => !rest?.startsWith("<<"))
      .flatMap(([, , rest]) => (rest as string).trim().split(/\s+/).slice(0, -1))
      .filter((source) => source !== ".");
    expect(sources).toEqual(
      expect.arrayContaining(["package.json", "package-lock.json", "prisma", "scripts/db", "scripts/docker-entrypoint.sh"]),
    );
    for (const source of sources) {
      expect(existsSync(path.join(ROOT, source)), `${source} does not exist`).toBe(true);
      expect(dockerignoreExcludes(source), `.dockerignore excludes ${source}`).toBe(false);
    }
  });
});

describe(".dockerignore", () => {
  it("keeps secrets, dependencies, build output and local state out of the image", () => {
    for (const file of [
      ".env",
      ".env.local",
      "node_modules/next/package.json",
      ".next/BUILD_ID",
      ".data/dev/pg",
      ".run/dev/app.log",
      ".bin/livekit-server",
      ".git/HEAD",
      "lib/generated/prisma/client.ts",
      "test-results/x.png",
    ]) {
      expect(dockerignoreExcludes(file), file).toBe(true);
    }
    for (const file of [
      "package.json",
      "app/page.tsx",
      "lib/env.ts",
      "prisma/schema.prisma",
      "scripts/db/migrate.ts",
      "next.config.ts",
      "prisma.config.ts",
    ]) {
      expect(dockerignoreExcludes(file), file).toBe(false);
    }
  });
});
