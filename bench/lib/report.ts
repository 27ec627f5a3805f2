/**
 * Renders BENCHMARKS.md from one complete results file: every figure with its target
 * beside it, the curves, the machine and versions, and how to reproduce.
 */
import type { benchAcrossInstances } from "../across-instances";
import type { benchEndForAll } from "../end-for-all";
import type { benchMemorySoak } from "../memory-soak";
import type { benchJoinTime } from "../join-time";
import type { benchPageWeight } from "../page-weight";
import type { benchRoomSize, Step } from "../room-size";
import type { benchTokenThroughput } from "../token-throughput";
import { CALL_BUDGET_KB } from "./page-weight";

type Result<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>> | { error: string };

export interface Report {
  finishedAt: string;
  machine: Record<string, string | number>;
  durationSeconds: { setup: number; benchmarks: Record<string, number>; total: number };
  /** The machine's 1-minute load average as each benchmark started (others' work skews every figure). */
  loadAverageAtStart?: Record<string, number>;
  /** How long each benchmark waited for the load average to settle before it started (bench/run.ts). */
  cooledDownSeconds?: Record<string, number>;
  results: {
    "page-weight"?: Result<typeof benchPageWeight>;
    "token-throughput"?: Result<typeof benchTokenThroughput>;
    "join-time"?: Result<typeof benchJoinTime>;
    "end-for-all"?: Result<typeof benchEndForAll>;
    "room-size"?: Result<typeof benchRoomSize>;
    "memory-soak"?: Result<typeof benchMemorySoak>;
    "across-instances"?: Result<typeof benchAcrossInstances>;
  };
}

const ok = (pass: boolean) => (pass ? "✅" : "❌");
const failed = (r: unknown): r is { error: string } => typeof r === "object" && r !== null && "error" in r;

function joinSection(r: Report["results"]["join-time"]): string[] {
  if (!r || failed(r)) return ["Join time: **failed** — see the results file.", ""];
  const t = r.target;
  const p50Ok = r.total.p50 <= t.p50Ms && r.ratio.p50 <= t.p50VsFloor;
  return [
    "## 1. Join time (Chromium, click on “Join meeting” → first decoded remote frame)",
    "",
    `${r.runs} runs of each, alternating, each in a fresh browser context (cold cache), fake camera and microphone; the remote participant is a Node peer publishing 320x180 at 15 fps. The floor is a bare page that connects livekit-client (its own defaults) with a plain full-grant token from a sign-only endpoint (\`bench/lib/floor-page.ts\`), in the same run.`,
    "",
    "| | p50 | p95 | target |",
    "|---|---|---|---|",
    `| **Parley** (guest through an invite link) | **${r.total.p50} ms** | **${r.total.p95} ms** | p50 ≤ ${t.p50Ms} ms and ≤ ${t.p50VsFloor}× floor ${ok(p50Ok)}, p95 ≤ ${t.p95VsFloor}× floor ${ok(r.ratio.p95 <= t.p95VsFloor)} |`,
    `| floor (bare page, livekit-client) | ${r.floor.p50} ms | ${r.floor.p95} ms | |`,
    `| Parley ÷ floor | ${r.ratio.p50}× | ${r.ratio.p95}× | ≤ ${t.p50VsFloor}× / ≤ ${t.p95VsFloor}× |`,
    `| invite link opened → local camera preview showing | ${r.preview.p50} ms | ${r.preview.p95} ms | (reported) |`,
    "",
    "Phases, Parley / floor (p50, ms):",
    "",
    "| phase | Parley | floor |",
    "|---|---|---|",
    ...Object.entries(r.phases).map(([name, s]) => `| ${name} | ${s.p50} | ${r.floorPhases[name]?.p50 ?? ""} |`),
    ...Object.entries(r.detail).map(
      ([name, s]) => `| ${name} | ${s.p50} | ${r.floorDetail[name as keyof typeof r.floorDetail]?.p50 ?? ""} |`,
    ),
    "",
    `Runs in which the browser had to ask the publisher for a key frame (PLI) before it could decode anything: Parley ${r.keyFrameWaits.parley} of ${r.runs}, floor ${r.keyFrameWaits.floor} of ${r.runs}. Such a wait costs 0.5–0.7 s (the publisher's libwebrtc honours one key-frame request per 300 ms, LiveKit passes one PLI per 500 ms on the low layer). Parley met it in 2–7 joins of 20 while its subscriptions came in a second negotiation after the media connection: LiveKit forwards the key frame it asks for as soon as it has sent that answer, and the browser drops a key frame that arrives before it has applied it (decision 027).`,
    "",
    `Parley's tokens grant entry only; its rights arrive from the database (decision 013). The join carries no offer: the browser claims its rights as soon as LiveKit answers the join (\`POST /api/meetings/<id>/admission\`, the row "rights granted") and sends its first offer only then (a patched livekit-client, [decision 033](docs/decisions/033-patched-livekit-client.md)), so LiveKit's answer to that offer already carries everyone's video, before the media connection exists, as for the floor's token. The floor builds its offer before opening the signalling socket, Parley after the join response: hence Parley's shorter "token → signalling connected" and longer "signalling → media connected". The call shows "Connecting…" until its first subscription instead of mounting its interface while livekit-client negotiates, and mounts its device menus only once the first remote frame plays: the interface's first render holds the page's main thread between the media connection and the first frame, where the floor renders nothing ([decision 027](docs/decisions/027-join-time.md), amendments (b), (c) and (d)).`,
    "",
  ];
}

function tokenSection(r: Report["results"]["token-throughput"]): string[] {
  if (!r || failed(r)) return ["Token throughput: **failed** — see the results file.", ""];
  const t = r.target;
  // Results from before decision 032 have no workers figures.
  const w = "workers" in r ? r.workers : undefined;
  type Measure = typeof r.floor;
  const cpu = (m: Measure) =>
    Object.entries(m.cpuPercent)
      .map(([k, v]) => `${k} ${v}%`)
      .join(", ");
  const memory = (m: Measure) =>
    Object.entries(m.peakRssMb)
      .filter(([k]) => k !== "loadGenerator")
      .map(([k, v]) => `${k} ${v} MB`)
      .join(", ");
  const row = (name: string, m: Measure, ratio?: number) =>
    ratio === undefined
      ? `| ${name} | ${m.requestsPerSecond} | ${m.latencyMs.p50} | ${m.latencyMs.p99} | ${m.errors} | | ${cpu(m)} | ${memory(m)} |`
      : `| ${name} | ${m.requestsPerSecond} ${ok(m.requestsPerSecond >= t.requestsPerSecond)} | ${m.latencyMs.p50} | ${m.latencyMs.p99} ${ok(m.latencyMs.p99 < t.p99Ms)} | ${m.errors} ${ok(m.errors === 0)} | ${ratio} ${ok(ratio >= t.ratio)} | ${cpu(m)} | ${memory(m)} |`;
  return [
    `## 2. Token issuance throughput (autocannon, ${r.settings.connections} connections, ${r.settings.durationSeconds} s each)`,
    "",
    `Targets: ≥ ${t.requestsPerSecond} req/s, p99 < ${t.p99Ms} ms, ${t.errors} errors, ≥ ${t.ratio}× the floor. Meetings: ${r.settings.meeting}. Rate limits count every request in PostgreSQL as in production (their limits scaled up so that one address hammering the invites is never refused). The load generator runs in the bench process, on the same two cores. CPU is % of one core (200% = the whole machine); memory is each process tree's peak resident size during the run.`,
    "",
    "| route | req/s | p50 ms | p99 ms | errors | ÷ floor | CPU during the run | peak memory |",
    "|---|---|---|---|---|---|---|---|",
    row("`POST /api/invites/<token>/join` (guest, valid invite)", r.inviteRoute, r.ratio.inviteRoute),
    row("`POST /api/meetings/<id>/token` (host, session cookie)", r.hostRoute, r.ratio.hostRoute),
    row("**floor**: minimal Next.js app, same Next, production build, route only signs (`bench/floor-app`)", r.floor),
    ...(w
      ? [
          row(`guest invite route, the app as ${w.count} workers`, w.inviteRoute, w.ratio.inviteRoute),
          row(`host token route, the app as ${w.count} workers`, w.hostRoute, w.ratio.hostRoute),
          row(`**floor** as ${w.count} workers`, w.floor),
        ]
      : []),
    row("ceiling: bare `node:http` server, signs only", r.ceiling),
    "",
    ...(w
      ? [
          `One Node process runs JavaScript on one core: as one process the app saturates it while the rest of the machine is partly idle; as workers, the app, PostgreSQL and the load generator together saturate both cores, and each join costs more CPU. The rows "as ${w.count} workers" run the same build with \`APP_WORKERS=${w.count}\` (\`scripts/app-workers.mjs\`: one primary handing connections in turn to ${w.count} whole app instances on one port; [decision 032](docs/decisions/032-token-throughput.md)), as a separate instance beside the stack's own, and compare with the floor run the same way. The default is one process: with several, the room-size check is exact per process only (decision 029).`,
          "",
        ]
      : []),
  ];
}

function weightSection(r: Report["results"]["page-weight"], join: Report["results"]["join-time"]): string[] {
  if (!r || failed(r)) return ["Page weight: **failed** — see the results file.", ""];
  const call = join && !failed(join) ? join.callPageJs : undefined;
  return [
    "## 7. Page weight (first-load JavaScript, gzip, from the production build)",
    "",
    "| page | first-load JS | LiveKit client code | budget |",
    "|---|---|---|---|",
    ...r.pages.map(
      (p) =>
        `| ${p.label} \`${p.path}\` | ${p.gzipKb} kB (${p.scripts} scripts) | ${p.loadsLiveKit ? "yes ❌" : "none ✅"} | < ${r.budgetKb} kB ${ok(p.gzipKb < r.budgetKb)} |`,
    ),
    call
      ? `| **the call** (invite page + everything loaded until the first remote frame) | ${call.gzipKb} kB (${call.scripts} scripts) | yes (needed) | < ${CALL_BUDGET_KB} kB ${ok(call.gzipKb < CALL_BUDGET_KB)} |`
      : "| the call | not measured (join-time failed) | | |",
    "",
    "The same measurement is a test, `e2e/integration/page-weight.test.ts`. It cannot hold the targets above (Next 16 + React 19 alone weigh 135 kB, the LiveKit client ~156 kB), so it enforces ceilings instead: no LiveKit code before the call, at most 20 kB of app JavaScript on top of the framework floor per page, and the call under 330 kB ([decision 011](docs/decisions/011-page-weight-budgets.md)).",
    "",
  ];
}

function endSection(r: Report["results"]["end-for-all"]): string[] {
  if (!r || failed(r)) return ["End for all: **failed** — see the results file.", ""];
  return [
    `## 4. End for all, as people see it (${r.participants} people in Chromium, each in a page of its own, ${r.runs} runs)`,
    "",
    "From the host's click on “End for all” to each guest's page showing “The host ended the meeting”, on one clock. The host publishes its camera; guests join with camera and microphone off. The host ends a meeting in progress: every guest's page has shown the host's video before the click.",
    "",
    "| | p50 | p95 | target |",
    "|---|---|---|---|",
    `| **click → the last page shows it** | ${r.lastPageShowsEndMs.p50} ms | **${r.lastPageShowsEndMs.p95} ms** | p95 < ${r.target.p95Ms} ms ${ok(r.lastPageShowsEndMs.p95 < r.target.p95Ms && r.pagesThatNeverShowedIt === 0)} |`,
    `| click → each page shows it | ${r.eachPageShowsEndMs.p50} ms | ${r.eachPageShowsEndMs.p95} ms | |`,
    `| click → the end notice reached each page (data channel) | ${r.noticeReachedEachPageMs.p50} ms | ${r.noticeReachedEachPageMs.p95} ms | |`,
    `| click → the SFU has nobody left in the room (server's view, LiveKit API) | ${r.sfuEmptyMs.p50} ms | ${r.sfuEmptyMs.p95} ms | |`,
    `| click → the end route answered the host's page | ${r.endRouteAnsweredMs.p50} ms | ${r.endRouteAnsweredMs.p95} ms | |`,
    "",
    `Pages that never showed it within 10 s: ${r.pagesThatNeverShowedIt}.`,
    "",
  ];
}

/** A failed step's figures are over its attempt (joins and waiting), not a measured window. */
const cpuOf = (s: Step, name: string) => (s.cpuPercent[name] === undefined ? "" : `${s.cpuPercent[name]}% (attempt)`);
const rssOf = (s: Step, name: string) => (s.peakRssMb[name] === undefined ? "" : `${s.peakRssMb[name]} MB`);

function curve(steps: Step[]): string[] {
  return [
    "| publishers | viewers | worst pair received | frame loss (mean) | CPU SFU | tracks in+out | tracks per SFU core | CPU app | CPU load generator | RSS SFU | RSS app | pass |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...steps.map((s) =>
      s.joined
        ? `| ${s.publishers} | ${s.viewers} | ${Math.round(s.worstPairReceived * 100)}% | ${s.frameLossPercent}% | ${s.cpuPercent.livekit}% | ${s.tracksInOut ?? ""} | ${s.tracksPerSfuCore ?? ""} | ${s.cpuPercent.app}% | ${s.cpuPercent.clients}% | ${s.peakRssMb.livekit} MB | ${s.peakRssMb.app} MB | ${ok(s.passed)} |`
        : `| ${s.publishers} | ${s.viewers} | join failed: ${s.error?.slice(0, 80)}${s.subscriptionsUp ? ` (video subscriptions up: ${s.subscriptionsUp.up} of ${s.subscriptionsUp.expected})` : ""} | | ${cpuOf(s, "livekit")} | | | ${cpuOf(s, "app")} | ${cpuOf(s, "clients")} | ${rssOf(s, "livekit")} | ${rssOf(s, "app")} | ❌ |`,
    ),
  ];
}

function roomSection(r: Report["results"]["room-size"]): string[] {
  if (!r || failed(r)) return ["Room size: **failed** — see the results file.", ""];
  return [
    "## 5. Room size on one machine",
    "",
    `Node participants (@livekit/rtc-node) join through the app's invite route; each publishes ${r.video}. Pass: ${r.passRule}, over ${r.windowSeconds} s. CPU is % of one core, averaged over the window.`,
    "",
    `**Largest room where everyone publishes: ${r.largestAllPublishing} participants** (stopped by ${r.stoppedBy.publishers}).`,
    "",
    ...curve(r.publisherCurve),
    "",
    `**One speaker: ${r.largestViewersForOneSpeaker} watch-only viewers** (stopped by ${r.stoppedBy.viewers}). ${r.viewersNote}.`,
    "",
    ...curve(r.viewerCurve),
    "",
    `The clients run in up to ${Math.max(...[...r.publisherCurve, ...r.viewerCurve].map((s) => s.loadGeneratorProcesses ?? 1))} Node processes (one per participant below that) on the same two cores as the SFU and the app, and decode every stream they receive: when the load generator's CPU plus the SFU's reaches the machine's 200%, the machine, not the SFU, is the limit. LiveKit's published sizing is about 400 tracks in and out per CPU core; the \`tracks per SFU core\` column is this SFU's measured rate at each step (tracks ÷ SFU CPU in cores), an extrapolation, not a ceiling reached.`,
    "",
  ];
}

function memorySection(soak: Report["results"]["memory-soak"], load: Report["results"]["token-throughput"]): string[] {
  const lines = ["## 6. Memory", ""];
  if (load && !failed(load)) {
    lines.push(
      `Under the throughput load (peak resident size of each process tree): app ${load.inviteRoute.peakRssMb.app} MB (guest route), ${load.hostRoute.peakRssMb.app} MB (host route)${"workers" in load ? `, as ${load.workers.count} workers ${load.workers.inviteRoute.peakRssMb.app} MB and ${load.workers.hostRoute.peakRssMb.app} MB` : ""}; SFU ${load.inviteRoute.peakRssMb.livekit} MB; PostgreSQL ${load.inviteRoute.peakRssMb.postgres} MB.`,
      "",
    );
  }
  if (!soak || failed(soak)) return [...lines, "Soak: **failed** — see the results file.", ""];
  const row = (name: string, g: typeof soak.app) =>
    `| ${name} | ${g.firstHalfPeakMb} MB | ${g.secondHalfPeakMb} MB | ${g.growthPercent}% ${ok(g.growthPercent <= soak.target.growthPercent)} | ${g.medianAfterWarmupMb} MB → ${g.medianLastMinuteMb} MB |`;
  return [
    ...lines,
    `Soak: ${soak.minutes} minutes of joins and leaves (${soak.concurrent} Node participants at a time, each through the invite route, admitted, ${soak.stayMs / 1000} s in the room, then gone): ${soak.joins} joins, ${soak.failures} failed. After warm-up (the first ${soak.warmupSeconds} s), growth compares the highest resident size of the second half with that of the first half: the app's memory is a sawtooth (V8 grows its heap, a major collection hands memory back), and a leak raises its peaks. The medians of the minute after warm-up and of the last minute are beside it; they compare two phases of the sawtooth.`,
    "",
    `| process tree | peak, first half | peak, second half | growth (target ≤ ${soak.target.growthPercent}%) | median, minute after warm-up → last minute |`,
    "|---|---|---|---|---|",
    row("app (`next start`)", soak.app),
    row("SFU (livekit-server)", soak.livekit),
    "",
  ];
}

function acrossSection(r: Report["results"]["across-instances"]): string[] {
  if (!r || failed(r)) return ["Across instances: **failed** — see the results file.", ""];
  const m = (x: typeof r.twoInstances) => `${x.requestsPerSecond} | ${x.latencyMs.p50} | ${x.latencyMs.p99} | ${x.errors}`;
  return [
    "## 3. Across instances (the production topology on this machine)",
    "",
    `${r.topology}. ${r.route}, ${r.durationSeconds} s each.`,
    "",
    "| app instances | req/s | p50 ms | p99 ms | errors |",
    "|---|---|---|---|---|",
    `| 2 | ${m(r.twoInstances)} |`,
    `| 1 (the other stopped) | ${m(r.oneInstance)} |`,
    "",
    `Rooms of ${r.rooms} meetings over the LiveKit nodes (Redis \`room_node_map\`): ${Object.entries(r.roomsPerNode)
      .map(([node, n]) => `${node}: ${n}`)
      .join(
        ", ",
      )}. LiveKit places a new room on the node with the fewest rooms, by the stats each node writes to Redis every 2 s ([decision 016](docs/decisions/016-several-livekit-nodes.md)); the benchmark starts its twenty meetings one after another within a few seconds, so they see the same stats.`,
    "",
    "Both instances, both LiveKit nodes, the proxy, PostgreSQL and the load generator share the same two cores, so a second instance adds no CPU: it can only help where one instance waits (its event loop, its database pool). The figure that matters for a deployment is that it works and spreads; capacity grows with machines.",
    "",
  ];
}

export function renderBenchmarks(report: Report, resultsFile: string): string {
  const m = report.machine;
  const r = report.results;
  return [
    "# Benchmarks",
    "",
    `Generated by \`npm run bench\` from [\`${resultsFile}\`](${resultsFile}) on ${report.finishedAt}. Do not edit by hand: run the benchmarks again.`,
    "",
    "Everything is real: a production build (`next build` + `next start`), the LiveKit SFU, PostgreSQL, Debian's Chromium with fake devices, all on loopback on one machine.",
    "",
    ...joinSection(r["join-time"]),
    ...tokenSection(r["token-throughput"]),
    ...acrossSection(r["across-instances"]),
    ...endSection(r["end-for-all"]),
    ...roomSection(r["room-size"]),
    ...memorySection(r["memory-soak"], r["token-throughput"]),
    ...weightSection(r["page-weight"], r["join-time"]),
    "## Machine and versions",
    "",
    `- ${m.cpus} × ${m.cpuModel}, ${m.ramGb} GB RAM, ${m.os}; load average (1/5/15 min) when the benchmarks started: ${m.loadAverageAtStart ?? "not recorded"}`,
    ...(report.loadAverageAtStart
      ? [
          `- 1-minute load average as each benchmark started: ${Object.entries(report.loadAverageAtStart)
            .map(([k, v]) => `${k} ${v}`)
            .join(", ")}`,
        ]
      : []),
    ...(report.cooledDownSeconds
      ? [
          `- Each benchmark first waited for that load average to fall below 1.5 (at most 180 s): ${Object.entries(report.cooledDownSeconds)
            .map(([k, v]) => `${k} ${v} s`)
            .join(", ")}`,
        ]
      : []),
    `- Node ${m.node}, Next.js ${m.next}, ${m.livekitServer}, livekit-client ${m.livekitClient}, @livekit/rtc-node ${m.rtcNode}, ${m.chromium}, ${m.postgres}`,
    `- Duration: ${report.durationSeconds.total} s in all (setup incl. \`next build\`: ${report.durationSeconds.setup} s; ${Object.entries(
      report.durationSeconds.benchmarks,
    )
      .map(([k, v]) => `${k} ${v} s`)
      .join(", ")})`,
    "",
    "## How to reproduce",
    "",
    "```sh",
    "npm run bench                                   # all seven, ~30 minutes on 2 cores (10 of them the memory soak)",
    "npm run bench -- token-throughput page-weight   # a subset (BENCHMARKS.md is left alone)",
    "BENCH_SOAK_MINUTES=2 npm run bench -- memory-soak   # shorter runs while developing",
    "```",
    "",
    "`scripts/bench.sh` installs what is missing (like `scripts/test.sh`), starts its own stack on the `bench` profile (app :3200, LiveKit :7900/7901/7902, PostgreSQL :54349, env in `.data/bench/.env`; every port moves with `PARLEY_PORT_OFFSET`), builds the app, runs `bench/run.ts`, and stops everything on exit. The benchmarks' own servers take ports 3290–3293 (+ offset); the across-instances benchmark starts the production topology (`scripts/bench-topology.sh`, profile `prod-bench`, its own ports and database) on the same build and stops it after. Sizes can be shortened for development (`BENCH_JOIN_RUNS`, `BENCH_THROUGHPUT_SECONDS`, `BENCH_END_RUNS`, `BENCH_ROOM_SIZE_SECONDS`, `BENCH_SOAK_MINUTES`); the recorded run uses the defaults, the issue's sizes. Results go to `bench/results/<timestamp>.json`; this file is regenerated from a complete run.",
    "",
  ].join("\n");
}
