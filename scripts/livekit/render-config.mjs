// Renders the checked-in LiveKit config for one local profile: the port layout and the
// webhook target differ between the dev and test stacks, and LiveKit cannot take lists
// (webhook.urls) from environment variables. Keys stay out of the file (LIVEKIT_KEYS).
// Usage: node render-config.mjs <template.yaml> <http port> <webhook url>  > out.yaml
import { readFileSync } from "node:fs";
import { parse, stringify } from "yaml";

const [template, port, webhookUrl] = process.argv.slice(2);
if (!template || !port || !webhookUrl) {
  console.error("usage: render-config.mjs <template.yaml> <http port> <webhook url>");
  process.exit(2);
}
const config = parse(readFileSync(template, "utf8"));
const base = Number(port);
config.port = base;
config.rtc.tcp_port = base + 1;
config.rtc.udp_port = base + 2;
config.webhook.urls = [webhookUrl];
process.stdout.write(stringify(config));
