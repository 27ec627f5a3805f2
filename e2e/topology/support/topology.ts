import { proto3, ScalarType } from "@bufbuild/protobuf";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
export const repoRoot = path.resolve(import.meta.dirname, "../../..");

/**
 * Where the production topology started by scripts/test.sh lives (profile "prod-test",
 * scripts/lib/topology.sh writes $RUN_DIR/topology.json): the public URL through the edge and
 * Caddy, each LiveKit node and app instance, Redis, and Caddy's local root certificate.
 */
export interface Topology {
  profile: string;
  appUrl: string;
  httpUrl: string;
  domain: string;
  turnDomain: string;
  httpsPort: number;
  rootCa: string;
  runDir: string;
  redisPort: number;
  livekitNodes: { name: string; port: number; url: string }[];
  apps: { name: string; port: number }[];
}

export const topology: Topology = JSON.parse(
  readFileSync(process.env.PARLEY_TOPOLOGY ?? path.join(repoRoot, ".run/prod-test/topology.json"), "utf8"),
);

export type TopologyService = "livekit-1" | "livekit-2" | "app-1" | "app-2" | "redis" | "proxy";

/** Starts or stops (SIGTERM, waiting for the exit) one process of the topology. */
export async function service(name: TopologyService, action: "start" | "stop"): Promise<void> {
  await run("bash", [path.join(repoRoot, "scripts/service.sh"), topology.profile, name, action], { cwd: repoRoot });
}

export function pidOf(name: TopologyService): number {
  return Number(readFileSync(path.join(topology.runDir, `${name}.pid`), "utf8").trim());
}

/** Sends a signal to a node or instance and resolves when the process is gone. */
export async function signalAndWaitForExit(name: TopologyService, signal: NodeJS.Signals, timeoutMs = 60_000): Promise<number> {
  const pid = pidOf(name);
  const sentAt = Date.now();
  process.kill(pid, signal);
  while (isAlive(pid)) {
    if (Date.now() - sentAt > timeoutMs) throw new Error(`${name} (pid ${pid}) still runs ${timeoutMs} ms after ${signal}`);
    await new Promise((resolve) => setTimeout(resolve, 100)); // polling a pid: there is no exit event for a non-child
  }
  return Date.now() - sentAt;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function redis(...args: string[]): Promise<string> {
  const { stdout } = await run("redis-cli", ["-p", String(topology.redisPort), ...args]);
  return stdout;
}

/** LiveKit's room-to-node map in Redis (hash room_node_map): room name -> node id. */
export async function roomNodeMap(): Promise<Map<string, string>> {
  const lines = (await redis("--raw", "HGETALL", "room_node_map")).split("\n").filter(Boolean);
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < lines.length; i += 2) map.set(lines[i]!, lines[i + 1]!);
  return map;
}

/**
 * The part of LiveKit's node record (hash `nodes`, message livekit.Node of its
 * livekit_internal.proto) the tests read: each node rewrites its stats there every 2 s, and
 * its room selector places new rooms by them (docs/decisions/016).
 */
const NodeStatsRecord = proto3.makeMessageType("livekit.NodeStats", [
  { no: 2, name: "updated_at", kind: "scalar", T: ScalarType.INT64 },
  { no: 3, name: "num_rooms", kind: "scalar", T: ScalarType.INT32 },
]);
const NodeRecord = proto3.makeMessageType("livekit.Node", [
  { no: 1, name: "id", kind: "scalar", T: ScalarType.STRING },
  { no: 4, name: "stats", kind: "message", T: NodeStatsRecord },
]);

/** A node's stats as the other nodes see them in Redis: when last written (unix s), rooms then. */
export async function nodeStats(name: "livekit-1" | "livekit-2"): Promise<{ updatedAt: number; numRooms: number }> {
  const { stdout } = await run("redis-cli", ["-p", String(topology.redisPort), "--raw", "HGET", "nodes", nodeIdOf(name)], {
    encoding: "buffer",
  });
  // --raw prints the stored bytes followed by one newline.
  const record = NodeRecord.fromBinary(stdout.subarray(0, stdout.length - 1));
  const stats = record.stats as { updatedAt?: bigint; numRooms?: number } | undefined;
  return { updatedAt: Number(stats?.updatedAt ?? 0), numRooms: stats?.numRooms ?? 0 };
}

/** The node id each running LiveKit node logged at start ("starting LiveKit server" … nodeID). */
export function nodeIdOf(name: "livekit-1" | "livekit-2"): string {
  const log = readFileSync(path.join(topology.runDir, `${name}.log`), "utf8");
  const ids = [...log.matchAll(/"nodeID": "(ND_[A-Za-z0-9]+)"/g)].map((m) => m[1]!);
  if (ids.length === 0) throw new Error(`no node id in ${name}.log`);
  return ids[ids.length - 1]!;
}

/** Which topology node hosts a room, by Redis's map and the nodes' own ids. */
export async function nodeHosting(room: string): Promise<"livekit-1" | "livekit-2"> {
  const nodeId = (await roomNodeMap()).get(room);
  if (!nodeId) throw new Error(`room ${room} is in no node's map`);
  if (nodeId === nodeIdOf("livekit-1")) return "livekit-1";
  if (nodeId === nodeIdOf("livekit-2")) return "livekit-2";
  throw new Error(`room ${room} is on node ${nodeId}, which is neither running node`);
}

export function otherNode(name: "livekit-1" | "livekit-2"): "livekit-1" | "livekit-2" {
  return name === "livekit-1" ? "livekit-2" : "livekit-1";
}
