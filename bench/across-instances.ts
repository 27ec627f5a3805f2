/**
 * 3. Across instances: the production topology (scripts/bench-topology.sh: profile 'prod-bench',
 * two app instances behind Caddy and the edge, two LiveKit nodes on Redis) on the bench's
 * build. The guest join route through HTTPS with two instances, then with one, and how
 * LiveKit spread twenty rooms over its nodes (bench/lib/topology-load.ts measures).
 */
import { spawn, execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import type { measureLoad } from "./token-throughput";

type Measure = Awaited<ReturnType<typeof measureLoad>>;
interface TopologyResult {
  twoInstances: Measure;
  oneInstance: Measure;
  roomsPerNode: Record<string, number>;
  rooms: number;
}

const root = path.resolve(import.meta.dirname, "..");
const script = path.join(root, "scripts/bench-topology.sh");
const DURATION_S = Number(process.env.BENCH_THROUGHPUT_SECONDS ?? 20);

export async function benchAcrossInstances(log: (line: string) => void) {
  log("across instances: starting the production topology (profile prod-bench)");
  const topologyFile = execFileSync("bash", [script, "start"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] })
    .trim()
    .split("\n")
    .at(-1)!;
  try {
    const topology = JSON.parse(readFileSync(topologyFile, "utf8")) as { appUrl: string; rootCa: string };
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(import.meta.dirname, "lib/topology-load.ts"), topologyFile, String(DURATION_S)],
      {
        cwd: root,
        stdio: ["pipe", "pipe", "inherit"],
        env: { ...process.env, NODE_EXTRA_CA_CERTS: topology.rootCa, PARLEY_TEST_APP_URL: topology.appUrl, NODE_ENV: "production" },
      },
    );
    let result: TopologyResult | undefined;
    for await (const line of createInterface({ input: child.stdout! })) {
      const message = JSON.parse(line) as { ask?: string; result?: TopologyResult };
      if (message.ask === "stop-app-2") {
        execFileSync("bash", [script, "stop-app", "2"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
        child.stdin!.write("stopped\n");
      }
      if (message.result) result = message.result;
    }
    if (!result) throw new Error("the topology measurement ended without a result");
    return {
      topology: "profile prod-bench: the edge (nginx) → Caddy (HTTPS) → 2 app instances; 2 LiveKit nodes on Redis; all on these two cores",
      route: "POST /api/invites/<token>/join (guest), 32 connections, through HTTPS",
      durationSeconds: DURATION_S,
      ...result,
    };
  } finally {
    log("across instances: stopping the production topology");
    execFileSync("bash", [script, "stop"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  }
}
