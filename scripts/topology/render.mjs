// Renders the production topology's config files for the bare-machine profile
// (scripts/lib/topology.sh). Ports and names come from the environment that script sets.
//   node render.mjs livekit <n>   > livekit-<n>.yaml   (n = 1, 2, ...)
//   node render.mjs edge          > edge.nginx.conf
import { readFileSync } from "node:fs";
import { parse, stringify } from "yaml";

const env = (name) => {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(`render.mjs: ${name} is not set`);
  return value;
};
const here = import.meta.dirname;
const [kind, index] = process.argv.slice(2);
const nodes = env("TOPOLOGY_LIVEKIT_PORTS").split(",").map(Number);
const turnUdpPorts = env("TOPOLOGY_TURN_UDP_PORTS").split(",").map(Number);
const turnTcpPorts = env("TOPOLOGY_TURN_TCP_PORTS").split(",").map(Number);

if (kind === "livekit") {
  const n = Number(index) - 1;
  if (!(n >= 0 && n < nodes.length)) throw new Error(`render.mjs: no LiveKit node ${index}`);
  const config = parse(readFileSync(`${here}/livekit-node.yaml`, "utf8"));
  config.port = nodes[n];
  config.rtc.tcp_port = nodes[n] + 1;
  config.rtc.udp_port = nodes[n] + 2;
  config.redis.address = env("TOPOLOGY_REDIS_ADDRESS");
  config.turn.domain = env("PARLEY_TURN_DOMAIN");
  config.turn.udp_port = turnUdpPorts[n];
  config.turn.tls_port = turnTcpPorts[n];
  const relayStart = Number(env("TOPOLOGY_RELAY_RANGE_START")) + n * 1000;
  config.turn.relay_range_start = relayStart;
  config.turn.relay_range_end = relayStart + 999;
  config.webhook.urls = [env("TOPOLOGY_WEBHOOK_URL")];
  process.stdout.write(stringify(config));
} else if (kind === "edge") {
  const values = {
    ...process.env,
    LIVEKIT_TURN_SERVERS: turnTcpPorts.map((port) => `server 127.0.0.1:${port} max_fails=1 fail_timeout=10s;`).join("\n    "),
  };
  const template = readFileSync(`${here}/edge.nginx.conf.template`, "utf8");
  process.stdout.write(
    template.replace(/\$\{([A-Z_]+)\}/g, (_, name) => {
      if (values[name] === undefined) throw new Error(`render.mjs: ${name} is not set`);
      return values[name];
    }),
  );
} else {
  console.error("usage: render.mjs livekit <n> | edge");
  process.exit(2);
}
