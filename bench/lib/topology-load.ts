/**
 * The across-instances measurement, in a process of its own (bench/across-instances.ts
 * starts it with NODE_EXTRA_CA_CERTS set to Caddy's local root, which Node reads only at
 * start-up): the join route through the proxy with both app instances, then with one
 * (the other stopped), and where LiveKit placed twenty meetings' rooms. Prints one JSON line.
 */
import { execFileSync } from "node:child_process";
import { createMeeting, joinAsHost } from "./app";
import { GUEST_MEETINGS, measureLoad, meetingsInProgress } from "../token-throughput";

const [topologyFile, durationS] = [process.argv[2]!, Number(process.argv[3] ?? 20)];
const topology = JSON.parse((await import("node:fs")).readFileSync(topologyFile, "utf8")) as {
  appUrl: string;
  redisPort: number;
  livekitNodes: { name: string; url: string }[];
  apps: { name: string; port: number }[];
};
const redis = (...args: string[]) =>
  execFileSync("redis-cli", ["-p", String(topology.redisPort), ...args], { encoding: "utf8" })
    .trim()
    .split("\n")
    .filter(Boolean);

// Guests join meetings in progress, as in the single-node throughput benchmark: their hosts
// are in the rooms, connected straight to a LiveKit node (the nodes relay through Redis).
const guests = await meetingsInProgress(GUEST_MEETINGS, topology.appUrl, topology.livekitNodes[0]!.url);
const { host, load } = guests;
const twoInstances = await measureLoad(load, { loadGenerator: process.pid }, durationS);
process.stderr.write(`  2 instances: ${twoInstances.requestsPerSecond} req/s, p99 ${twoInstances.latencyMs.p99} ms\n`);

// Rooms over the nodes: twenty meetings started by their host (the app creates each room
// through the proxy's LiveKit API address; LiveKit places it and records it in Redis).
const rooms: string[] = [];
for (let i = 0; i < 20; i++) {
  const m = await createMeeting(host, `Placement ${i + 1}`);
  const g = await joinAsHost(host, m);
  rooms.push(JSON.parse(Buffer.from(g.token.split(".")[1]!, "base64url").toString("utf8")).video.room);
}
const placement = redis("HGETALL", "room_node_map");
const nodeOf = new Map<string, string>();
for (let i = 0; i + 1 < placement.length; i += 2) nodeOf.set(placement[i]!, placement[i + 1]!);
const roomsPerNode: Record<string, number> = {};
for (const room of rooms) {
  const node = nodeOf.get(room) ?? "not placed";
  roomsPerNode[node] = (roomsPerNode[node] ?? 0) + 1;
}

// One instance: the second is stopped. No wait for Caddy to notice: a request it sends to the
// stopped instance is refused at once, and Caddy marks that instance down (fail_duration) and
// retries the other (lb_try_duration); measureLoad's warm-up runs before anything is counted.
process.stdout.write(JSON.stringify({ ask: "stop-app-2" }) + "\n");
await new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));
const oneInstance = await measureLoad(load, { loadGenerator: process.pid }, durationS);
process.stderr.write(`  1 instance: ${oneInstance.requestsPerSecond} req/s, p99 ${oneInstance.latencyMs.p99} ms\n`);

await guests.leave();
// rtc-node keeps native handles alive: exit once the result is written out.
process.stdout.write(JSON.stringify({ result: { twoInstances, oneInstance, roomsPerNode, rooms: rooms.length } }) + "\n", () =>
  process.exit(0),
);
