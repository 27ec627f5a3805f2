/**
 * 2. Token issuance throughput: autocannon at 32 connections for 20 s against the app's
 * join routes as real callers (a guest with a valid invite; the host with a session
 * cookie), then against a bare sign-only Node server as the ceiling. CPU of the app, the
 * SFU, PostgreSQL and the load generator is sampled during each run, since on two cores
 * they all compete and that decides where the time goes.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { appUrl, createMeeting, signUpHost } from "./lib/app";
import { pidFromFile, startUsageSampler } from "./lib/processes";
import { round, sleep } from "./lib/stats";

const CONNECTIONS = 32;
const DURATION_S = 20;
const WARMUP_S = 3;
const CEILING_PORT = 3290;

interface Load {
  url: string;
  headers: Record<string, string>;
  body: string;
}

function stackPids(runDir: string): Record<string, number> {
  const pg = Number(readFileSync(path.join(runDir, "../../.data/bench/pg/postmaster.pid"), "utf8").split("\n")[0]);
  return { app: pidFromFile(runDir, "app"), livekit: pidFromFile(runDir, "livekit"), postgres: pg, loadGenerator: process.pid };
}

async function measure(load: Load, roots: Record<string, number>) {
  const request = { ...load, method: "POST", connections: CONNECTIONS };
  await autocannon({ ...request, duration: WARMUP_S });
  const sampler = startUsageSampler(roots);
  const result = await autocannon({ ...request, duration: DURATION_S });
  const usage = sampler.stop();
  return {
    requestsPerSecond: round(result.requests.average),
    totalRequests: result.requests.total,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    errors: result.errors + result.timeouts + result.non2xx,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count])),
    cpuPercent: Object.fromEntries(Object.entries(usage).map(([name, u]) => [name, u.cpuPercent])),
  };
}

export async function benchTokenThroughput(runDir: string, log: (line: string) => void) {
  const host = await signUpHost("Token Bench Host");
  const meeting = await createMeeting(host, "Token throughput bench");
  const json = { "Content-Type": "application/json" };
  const roots = stackPids(runDir);

  log("token throughput: guest invite route");
  const invite = await measure(
    { url: `${appUrl}/api/invites/${meeting.inviteToken}/join`, headers: json, body: JSON.stringify({ name: "Load Guest" }) },
    roots,
  );
  log(`  ${invite.requestsPerSecond} req/s, p99 ${invite.latencyMs.p99} ms, errors ${invite.errors}`);

  log("token throughput: host token route (session cookie)");
  const hostRoute = await measure(
    { url: `${appUrl}/api/meetings/${meeting.id}/token`, headers: { ...json, cookie: host.cookie }, body: "{}" },
    roots,
  );
  log(`  ${hostRoute.requestsPerSecond} req/s, p99 ${hostRoute.latencyMs.p99} ms, errors ${hostRoute.errors}`);

  log("token throughput: sign-only ceiling");
  const server = spawn(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "lib/sign-only-server.ts"), String(CEILING_PORT)],
    {
      stdio: ["ignore", "pipe", "inherit"],
      env: process.env,
    },
  );
  try {
    await new Promise<void>((resolve, reject) => {
      server.stdout.once("data", () => resolve());
      server.once("exit", (code) => reject(new Error(`sign-only server exited with ${code}`)));
    });
    await sleep(200);
    const ceiling = await measure(
      { url: `http://127.0.0.1:${CEILING_PORT}/`, headers: json, body: JSON.stringify({ name: "Load Guest" }) },
      { ceiling: server.pid!, livekit: roots.livekit!, loadGenerator: process.pid },
    );
    log(`  ${ceiling.requestsPerSecond} req/s, p99 ${ceiling.latencyMs.p99} ms`);
    return {
      settings: {
        connections: CONNECTIONS,
        durationSeconds: DURATION_S,
        warmupSeconds: WARMUP_S,
        loadGenerator: "autocannon 9.0.0, in the bench process on the same machine",
      },
      inviteRoute: invite,
      hostRoute,
      ceiling,
      ratio: {
        inviteRoute: round(invite.requestsPerSecond / ceiling.requestsPerSecond, 3),
        hostRoute: round(hostRoute.requestsPerSecond / ceiling.requestsPerSecond, 3),
      },
      target: { ratio: 0.8, p99Ms: 100, errors: 0 },
    };
  } finally {
    server.kill("SIGTERM");
  }
}
