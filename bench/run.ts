/**
 * `npm run bench` (scripts/bench.sh starts the stack, then runs this): runs the benchmarks
 * of issues 5 and 11 against the production build, writes bench/results/<timestamp>.json
 * and regenerates BENCHMARKS.md from it. Arguments name a subset to run.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import path from "node:path";
import { benchAcrossInstances } from "./across-instances";
import { benchCallFeatures } from "./call-features";
import { benchEndForAll } from "./end-for-all";
import { benchJoinTime } from "./join-time";
import { renderBenchmarks } from "./lib/report";
import { benchMemorySoak } from "./memory-soak";
import { benchPageWeight } from "./page-weight";
import { benchRoomSize } from "./room-size";
import { benchTokenThroughput } from "./token-throughput";

const root = path.resolve(import.meta.dirname, "..");
const runDir = process.env.PARLEY_BENCH_RUN_DIR ?? path.join(root, ".run/bench");
const setupSeconds = Number(process.env.PARLEY_BENCH_SETUP_SECONDS ?? 0);
/** Room size steps up until a step fails or this budget is spent. */
const ROOM_SIZE_BUDGET_S = Number(process.env.BENCH_ROOM_SIZE_SECONDS ?? 150);
/**
 * Each part starts once the 1-minute load average is below this, or after COOL_DOWN_MAX_S:
 * the browser parts leave the two cores at a load of 4-10 for a minute or two after they
 * finish, and the part after them would otherwise measure that (end for all and room size
 * did: decision 028, amendment (d)).
 */
const COOL_DOWN_LOAD = 1.5;
const COOL_DOWN_MAX_S = 180;

// The production topology (across-instances) runs last: it starts a stack of its own.
const ALL = ["page-weight", "token-throughput", "join-time", "end-for-all", "room-size", "memory-soak", "across-instances"] as const;
/** Run only when named (`npm run bench -- call-features`): issue 13's features, measured apart. */
const ON_REQUEST = ["call-features"] as const;
const selected = process.argv.slice(2).length ? process.argv.slice(2) : [...ALL];
const started = performance.now();
const loadAverageAtStart = loadavg()
  .map((l) => Math.round(l * 100) / 100)
  .join(" / ");
const log = (line: string) => console.log(`[bench ${Math.round((performance.now() - started) / 1000)}s] ${line}`);

function version(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })
      .trim()
      .split("\n")
      .at(-1)!;
  } catch {
    return "unknown";
  }
}

function packageVersion(name: string): string {
  return JSON.parse(readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8")).version;
}

function machine() {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    ramGb: Math.round(totalmem() / 1e9),
    // Other work on the machine skews every figure here: keep the evidence with them.
    loadAverageAtStart: loadAverageAtStart,
    os: version("sh", ["-c", ". /etc/os-release && echo $PRETTY_NAME"]),
    node: process.version,
    next: packageVersion("next"),
    livekitServer: version(path.join(root, ".bin/livekit-server"), ["--version"]),
    livekitClient: packageVersion("livekit-client"),
    rtcNode: packageVersion("@livekit/rtc-node"),
    chromium: version("/usr/bin/chromium", ["--version"]),
    // The newest of Debian's PostgreSQL installs (xargs cannot put {} in the command's own name).
    postgres: version("sh", ["-c", '"$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)/postgres" --version']),
  };
}

/** Waits for the machine to settle before a part (COOL_DOWN_LOAD); answers the seconds waited. */
async function coolDown(): Promise<number> {
  const start = performance.now();
  while (loadavg()[0]! > COOL_DOWN_LOAD && performance.now() - start < COOL_DOWN_MAX_S * 1000) {
    await new Promise((resolve) => setTimeout(resolve, 5_000));
  }
  return Math.round((performance.now() - start) / 1000);
}

async function main() {
  const results: Record<string, unknown> = {};
  const failures: string[] = [];
  const timings: Record<string, number> = {};
  const loadAtStart: Record<string, number> = {};
  const cooledDownSeconds: Record<string, number> = {};
  for (const name of selected) {
    if (![...ALL, ...ON_REQUEST].includes(name as never))
      throw new Error(`unknown benchmark '${name}' (one of: ${[...ALL, ...ON_REQUEST].join(", ")})`);
  }
  for (const name of [...ALL, ...ON_REQUEST].filter((n) => selected.includes(n))) {
    cooledDownSeconds[name] = await coolDown();
    const benchStarted = performance.now();
    loadAtStart[name] = Math.round(loadavg()[0]! * 100) / 100;
    log(`── ${name} (load average ${loadAtStart[name]}, after waiting ${cooledDownSeconds[name]} s for it)`);
    try {
      if (name === "page-weight") results[name] = await benchPageWeight();
      if (name === "token-throughput") results[name] = await benchTokenThroughput(runDir, log);
      if (name === "join-time") results[name] = await benchJoinTime(log);
      if (name === "end-for-all") results[name] = await benchEndForAll(log);
      if (name === "call-features") results[name] = await benchCallFeatures(log);
      if (name === "room-size") results[name] = await benchRoomSize(runDir, ROOM_SIZE_BUDGET_S * 1000, log);
      if (name === "memory-soak") results[name] = await benchMemorySoak(runDir, log);
      if (name === "across-instances") results[name] = await benchAcrossInstances(log);
    } catch (error) {
      failures.push(name);
      results[name] = { error: String(error instanceof Error ? (error.stack ?? error.message) : error) };
      log(`${name} FAILED: ${error}`);
    }
    timings[name] = Math.round((performance.now() - benchStarted) / 1000);
  }

  const finishedAt = new Date();
  const report = {
    finishedAt: finishedAt.toISOString(),
    machine: machine(),
    durationSeconds: { setup: setupSeconds, benchmarks: timings, total: Math.round(setupSeconds + (performance.now() - started) / 1000) },
    loadAverageAtStart: loadAtStart,
    cooledDownSeconds,
    results,
  };
  const dir = path.join(root, "bench/results");
  mkdirSync(dir, { recursive: true });
  const file = path.join(
    dir,
    `${finishedAt
      .toISOString()
      .replaceAll(":", "-")
      .replace(/\.\d+Z$/, "Z")}.json`,
  );
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  log(`results: ${path.relative(root, file)}`);
  if (selected.length === ALL.length) {
    writeFileSync(path.join(root, "BENCHMARKS.md"), renderBenchmarks(report, path.relative(root, file)));
    log("BENCHMARKS.md updated");
  } else {
    log("partial run: BENCHMARKS.md left as it is (it shows complete runs only)");
  }
  if (failures.length) {
    console.error(`benchmarks that failed: ${failures.join(", ")}`);
    process.exitCode = 1;
  }
  // rtc-node keeps native handles alive; the work is done: exit once the output is written.
  process.stderr.write("", () => process.stdout.write("", () => process.exit()));
}

await main();
