/**
 * 2. Token issuance throughput: autocannon at 32 connections against the app's join routes
 * as real callers (guests with valid invites; the host with a session cookie), into meetings
 * in progress (their hosts are connected, as when guests arrive), then against two
 * floors in the same run: a minimal Next.js app (same Next version, production build) whose
 * route only signs the same token (bench/floor-app), and a bare node:http server doing the
 * same (the ceiling). The app and the floor are measured as one process and as WORKERS
 * processes on one port (APP_WORKERS, scripts/app-workers.mjs). CPU and memory of the app,
 * the SFU, PostgreSQL and the load generator are sampled during each run: on two cores they
 * all compete, and that decides where the time goes. Rate limits count every request in
 * PostgreSQL, as in production (scripts/bench.sh).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import autocannon from "autocannon";
import { appUrl, createMeeting, joinAsHost, signUpHost } from "./lib/app";
import { connectBenchPeer, type BenchPeer } from "./lib/peers";
import { benchPort } from "./lib/ports";
import { pidFromFile, startUsageSampler } from "./lib/processes";
import { round } from "./lib/stats";

const CONNECTIONS = 32;
const DURATION_S = Number(process.env.BENCH_THROUGHPUT_SECONDS ?? 20);
const WARMUP_S = 5;
const root = path.resolve(import.meta.dirname, "..");

interface Load {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Paths each connection goes through in turn (several meetings); `url`'s own path otherwise. */
  paths?: string[];
}

/**
 * Guests join meetings in progress: this many, each with its host connected, taken in turn.
 * People arrive at many meetings at once, and one meeting cannot take more joins a second than
 * it has seats (the app counts seats given out since LiveKit's last count, lib/room-presence.ts):
 * ten meetings of 100 seats leave room for 1,000 joins a second.
 */
export const GUEST_MEETINGS = 10;

/** Opens `count` meetings with their hosts connected (to `livekitUrl` if given) and the load over their invite links. */
export async function meetingsInProgress(count: number, origin: string, livekitUrl?: string) {
  const host = await signUpHost("Load Bench Host");
  const meetings = [];
  const hosts: BenchPeer[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const meeting = await createMeeting(host, `Load bench ${i + 1}`);
      const grant = await joinAsHost(host, meeting);
      hosts.push(
        await connectBenchPeer(`host ${i + 1}`, livekitUrl ?? grant.serverUrl, grant.token, { subscribe: false, countFrames: false }),
      );
      meetings.push(meeting);
    }
  } catch (error) {
    await Promise.all(hosts.map((peer) => peer.leave()));
    throw error;
  }
  const load: Load = {
    url: origin,
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ name: "Load Guest" }),
    paths: meetings.map((meeting) => `/api/invites/${meeting.inviteToken}/join`),
  };
  return { host, meetings, load, leave: () => Promise.all(hosts.map((peer) => peer.leave())) };
}

export function stackPids(runDir: string): Record<string, number> {
  const pg = Number(readFileSync(path.join(runDir, "../../.data/bench/pg/postmaster.pid"), "utf8").split("\n")[0]);
  return { app: pidFromFile(runDir, "app"), livekit: pidFromFile(runDir, "livekit"), postgres: pg, loadGenerator: process.pid };
}

export async function measureLoad(load: Load, roots: Record<string, number>, durationS = DURATION_S) {
  const { paths, ...common } = load;
  const request = { ...common, method: "POST", connections: CONNECTIONS, ...(paths && { requests: paths.map((path) => ({ path })) }) };
  await autocannon({ ...request, duration: WARMUP_S });
  const sampler = startUsageSampler(roots);
  const result = await autocannon({ ...request, duration: durationS });
  const usage = sampler.stop();
  return {
    requestsPerSecond: round(result.requests.average),
    totalRequests: result.requests.total,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    errors: result.errors + result.timeouts + result.non2xx,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count])),
    cpuPercent: Object.fromEntries(Object.entries(usage).map(([name, u]) => [name, u.cpuPercent])),
    peakRssMb: Object.fromEntries(Object.entries(usage).map(([name, u]) => [name, u.peakRssMb])),
  };
}

/**
 * Starts a server process and resolves once it says it is listening (a line of its output
 * matching `ready`); fails if it exits first or says nothing within 60 s.
 */
async function startServer(command: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<ChildProcess> {
  const child = spawn(command, args, { cwd: root, stdio: ["ignore", "pipe", "inherit"], env, detached: true });
  // Read for as long as it runs: a full pipe would stall it.
  const lines = createInterface({ input: child.stdout! });
  let deadline: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      new Promise<void>((resolve) => lines.on("line", (line) => ready.test(line) && resolve())),
      once(child, "exit").then(([code]) => {
        throw new Error(`${args.join(" ")} exited with ${code} before it was listening`);
      }),
      new Promise<never>((_, reject) => {
        deadline = setTimeout(() => reject(new Error(`${args.join(" ")} was not listening within 60 s`)), 60_000);
      }),
    ]);
  } catch (error) {
    await stopServer(child);
    throw error;
  } finally {
    clearTimeout(deadline);
  }
  return child;
}

/** Stops a server started by startServer and resolves once it has exited. */
async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  // Its own process group: with APP_WORKERS > 1 the server is several processes.
  if (child.pid) process.kill(-child.pid, "SIGTERM");
  await exited;
}

/** The app and the floor are measured as one process, then as this many (APP_WORKERS, decision 032). */
const WORKERS = 2;
const workersLauncher = path.join(root, "scripts/app-workers.mjs");
const nextBin = path.join(root, "node_modules/next/dist/bin/next");

/** `next start` of a build through the app's launcher, as APP_WORKERS processes on `port`. */
function startNextServer(port: number, workers: number, env: NodeJS.ProcessEnv, appDir?: string): Promise<ChildProcess> {
  const args = [workersLauncher, nextBin, "start", ...(appDir ? [appDir] : []), "-p", String(port)];
  // Each worker says "Ready in" once listening; the warm-up before each measurement covers the others.
  return startServer(process.execPath, args, { ...env, APP_WORKERS: String(workers) }, /Ready in/);
}

export async function benchTokenThroughput(runDir: string, log: (line: string) => void) {
  const guests = await meetingsInProgress(GUEST_MEETINGS, appUrl);
  // The host's own token route: their meeting is in progress too (they are in the room).
  const [meeting] = guests.meetings;
  const host = guests.host;
  const json = { "Content-Type": "application/json" };
  const roots = stackPids(runDir);
  const guestBody = JSON.stringify({ name: "Load Guest" });
  const hostLoad = (origin: string): Load => ({
    url: `${origin}/api/meetings/${meeting!.id}/token`,
    headers: { ...json, cookie: host.cookie },
    body: "{}",
  });
  const report = (m: { requestsPerSecond: number; latencyMs: { p99: number }; errors: number }) =>
    log(`  ${m.requestsPerSecond} req/s, p99 ${m.latencyMs.p99} ms, errors ${m.errors}`);

  try {
    log(`token throughput: guest invite route, over ${GUEST_MEETINGS} meetings in progress`);
    const invite = await measureLoad(guests.load, roots);
    report(invite);

    log("token throughput: host token route (session cookie)");
    const hostRoute = await measureLoad(hostLoad(appUrl), roots);
    report(hostRoute);

    // The same build as a second instance of WORKERS processes (the stack's own app, one
    // process, stays up and idle): same database, LiveKit and meetings.
    log(`token throughput: both routes again, the app as ${WORKERS} workers (APP_WORKERS=${WORKERS})`);
    const workersPort = benchPort(3);
    const workersOrigin = `http://127.0.0.1:${workersPort}`;
    const workersServer = await startNextServer(workersPort, WORKERS, process.env);
    let workers;
    try {
      const workerRoots = { ...roots, app: workersServer.pid! };
      const workersInvite = await measureLoad({ ...guests.load, url: workersOrigin }, workerRoots);
      report(workersInvite);
      const workersHost = await measureLoad(hostLoad(workersOrigin), workerRoots);
      report(workersHost);
      workers = { inviteRoute: workersInvite, hostRoute: workersHost };
    } finally {
      await stopServer(workersServer);
    }

    log("token throughput: floor (minimal Next.js app, production build, signs only), one process, then workers");
    const floorPort = benchPort(2);
    const floorEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: ".next" };
    const build = spawn(process.execPath, [nextBin, "build", "bench/floor-app"], { cwd: root, stdio: "ignore", env: floorEnv });
    await new Promise<void>((resolve, reject) =>
      build.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build bench/floor-app exited with ${code}`)))),
    );
    const measureFloor = async (processes: number) => {
      const server = await startNextServer(floorPort, processes, floorEnv, "bench/floor-app");
      try {
        return await measureLoad(
          { url: `http://127.0.0.1:${floorPort}/api/token`, headers: json, body: guestBody },
          { floor: server.pid!, loadGenerator: process.pid },
        );
      } finally {
        await stopServer(server);
      }
    };
    const floor = await measureFloor(1);
    report(floor);
    const workersFloor = await measureFloor(WORKERS);
    report(workersFloor);

    log("token throughput: ceiling (bare node:http server, signs only)");
    const ceilingPort = benchPort(0);
    const ceilingServer = await startServer(
      process.execPath,
      ["--import", "tsx", path.join(import.meta.dirname, "lib/sign-only-server.ts"), String(ceilingPort)],
      process.env,
      /sign-only server on/,
    );
    let ceiling;
    try {
      ceiling = await measureLoad(
        { url: `http://127.0.0.1:${ceilingPort}/`, headers: json, body: guestBody },
        { ceiling: ceilingServer.pid!, loadGenerator: process.pid },
      );
    } finally {
      await stopServer(ceilingServer);
    }
    report(ceiling);

    return {
      settings: {
        connections: CONNECTIONS,
        durationSeconds: DURATION_S,
        warmupSeconds: WARMUP_S,
        loadGenerator: "autocannon 9.0.0, in the bench process on the same machine",
        meeting: `guests join ${GUEST_MEETINGS} meetings in progress (each host connected), taken in turn; the host route is one of them; lobby off, invites without a use limit`,
      },
      inviteRoute: invite,
      hostRoute,
      floor,
      ceiling,
      ratio: {
        inviteRoute: round(invite.requestsPerSecond / floor.requestsPerSecond, 3),
        hostRoute: round(hostRoute.requestsPerSecond / floor.requestsPerSecond, 3),
      },
      workers: {
        count: WORKERS,
        ...workers,
        floor: workersFloor,
        ratio: {
          inviteRoute: round(workers.inviteRoute.requestsPerSecond / workersFloor.requestsPerSecond, 3),
          hostRoute: round(workers.hostRoute.requestsPerSecond / workersFloor.requestsPerSecond, 3),
        },
      },
      target: { requestsPerSecond: 600, ratio: 0.5, p99Ms: 100, errors: 0 },
    };
  } finally {
    await guests.leave();
  }
}
