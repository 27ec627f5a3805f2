/**
 * 5. Room size on one machine. Node participants join one meeting through the app's invite
 * route; each publishes 320x180 at 15 fps plus audio and subscribes to everyone else. A
 * step passes when every participant joined and received at least 90% of the expected
 * frames from every other one. Then one speaker with growing numbers of watch-only viewers.
 *
 * The participants run in several forked processes (bench/lib/room-worker.ts), on the same
 * two cores as the SFU and the app, and decode every stream they receive: the load
 * generator's CPU is reported beside the SFU's so a reader can tell which one ran out first,
 * and the SFU's CPU per track in and out is set against LiveKit's published sizing.
 */
import { fork, type ChildProcess, type Serializable } from "node:child_process";
import path from "node:path";
import { createMeeting, signUpHost, type BenchMeeting, type Host } from "./lib/app";
import { VIDEO } from "./lib/peers";
import { pidFromFile, startUsageSampler } from "./lib/processes";
import { round, sleep } from "./lib/stats";

const WARMUP_MS = 3_000;
const WINDOW_MS = 10_000;
const MIN_RECEIVED = 0.9;
/** Load-generator processes (bench/lib/room-worker.ts): more than the cores, so no single event loop is the limit. */
const WORKERS = Number(process.env.BENCH_ROOM_WORKERS ?? 4);

export interface Step {
  publishers: number;
  viewers: number;
  joined: boolean;
  error?: string;
  /** received ÷ expected frames over the window, for the worst sender→receiver pair */
  worstPairReceived: number;
  meanReceived: number;
  frameLossPercent: number;
  cpuPercent: Record<string, number>;
  peakRssMb: Record<string, number>;
  /** Video and audio tracks into and out of the SFU. */
  tracksInOut?: number;
  /** tracksInOut ÷ the SFU's CPU in cores (LiveKit's sizing guide: about 400 per core). */
  tracksPerSfuCore?: number | null;
  loadGeneratorProcesses?: number;
  /** A failed step: video subscriptions up (receiver, publisher pairs) when it gave up. */
  subscriptionsUp?: { up: number; expected: number };
  passed: boolean;
}

/** A forked load-generator process (bench/lib/room-worker.ts) and a way to ask it one thing. */
interface Worker {
  child: ChildProcess;
  ask(request: unknown): Promise<Record<string, unknown>>;
}

/** How long everyone may take to be subscribed to every publisher's video. */
const SUBSCRIBE_TIMEOUT_MS = 30_000;

/** Every answer a worker owes comes within this, or the step fails (a hung native client must not hang the run). */
const ASK_TIMEOUT_MS = 45_000;

async function startWorker(): Promise<Worker> {
  const child = fork(path.join(import.meta.dirname, "lib/room-worker.ts"), [], {
    execArgv: ["--import", "tsx"],
    env: process.env,
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const exited = new Promise<never>((_, reject) => child.once("exit", (code) => reject(new Error(`room worker exited with ${code}`))));
  exited.catch(() => undefined);
  const next = () =>
    Promise.race([
      new Promise<Record<string, unknown>>((resolve) => child.once("message", (message) => resolve(message as Record<string, unknown>))),
      exited,
      sleep(ASK_TIMEOUT_MS).then(() => {
        throw new Error(`a room worker did not answer within ${ASK_TIMEOUT_MS / 1000} s`);
      }),
    ]);
  await next(); // ready
  let queue = Promise.resolve<unknown>(undefined);
  return {
    child,
    // One request at a time per worker; the workers themselves run side by side.
    ask(request) {
      const answer = queue.then(() => {
        const reply = next();
        child.send(request as Serializable);
        return reply;
      });
      queue = answer.catch(() => undefined);
      return answer;
    },
  };
}

async function runStep(host: Host, publishers: number, viewers: number, runDir: string): Promise<Step> {
  const meeting: BenchMeeting = await createMeeting(host, `Room size ${publishers}+${viewers}`);
  const workerCount = Math.min(WORKERS, publishers + viewers);
  const workers = await Promise.all(Array.from({ length: workerCount }, () => startWorker()));
  // The bench process's tree holds the workers: "clients" is all of the load generator.
  const roots = { livekit: pidFromFile(runDir, "livekit"), app: pidFromFile(runDir, "app"), clients: process.pid };
  const base = { publishers, viewers, worstPairReceived: 0, meanReceived: 0, frameLossPercent: 100 };
  // For a step that fails before its window: what each process used while it tried.
  const attempt = startUsageSampler(roots);
  let subscriptions = { up: 0, expected: 0 };
  try {
    let next = 0;
    const join = async (name: string, publish: boolean) => {
      const answer = await workers[next++ % workers.length]!.ask({ join: { inviteToken: meeting.inviteToken, name, publish } });
      if (typeof answer.joined !== "string") throw new Error(`${name} could not join: ${String(answer.failed)}`);
      return answer.joined;
    };
    const speakerIds = await Promise.all(Array.from({ length: publishers }, (_, i) => join(`Speaker ${i + 1}`, true)));
    await Promise.all(Array.from({ length: viewers }, (_, i) => join(`Viewer ${i + 1}`, false)));

    const frames = async () =>
      new Map(
        (await Promise.all(workers.map((w) => w.ask({ frames: true })))).flatMap((answer) =>
          (answer.frames as [string, [string, number][]][]).map(([id, from]) => [id, new Map(from)] as const),
        ),
      );
    // Everyone must be subscribed to every publisher's video before counting starts.
    const expectedFrom = (identity: string) => speakerIds.filter((id) => id !== identity);
    const answers = await Promise.all(
      workers.map((w) => w.ask({ videoFrom: { publishers: speakerIds, timeoutMs: SUBSCRIBE_TIMEOUT_MS } })),
    );
    for (const answer of answers) {
      const counted = answer.subscriptions as { up: number; expected: number };
      subscriptions = { up: subscriptions.up + counted.up, expected: subscriptions.expected + counted.expected };
    }
    if (subscriptions.up < subscriptions.expected) throw new Error("timed out waiting for every subscription");
    await sleep(WARMUP_MS);

    const sampler = startUsageSampler(roots);
    const before = await frames();
    const started = performance.now();
    await sleep(WINDOW_MS);
    const after = await frames();
    const seconds = (performance.now() - started) / 1000;
    const usage = sampler.stop();

    const ratios = [...after].flatMap(([identity, from]) =>
      expectedFrom(identity).map((id) => ((from.get(id) ?? 0) - (before.get(identity)?.get(id) ?? 0)) / (VIDEO.fps * seconds)),
    );
    // A sender slightly above 15 fps must not hide loss elsewhere: cap each pair at 100%.
    const capped = ratios.map((r) => Math.min(1, r));
    const worst = Math.min(...capped);
    const mean = capped.reduce((s, r) => s + r, 0) / capped.length;
    // Tracks through the SFU (video and audio): each publisher sends 2 in; each of those goes
    // out to every other participant.
    const participants = publishers + viewers;
    const tracksInOut = 2 * publishers + 2 * publishers * (participants - 1);
    const sfuCores = (usage.livekit?.cpuPercent ?? 0) / 100;
    return {
      ...base,
      joined: true,
      worstPairReceived: round(worst, 3),
      meanReceived: round(mean, 3),
      frameLossPercent: round((1 - mean) * 100),
      cpuPercent: Object.fromEntries(Object.entries(usage).map(([k, u]) => [k, u.cpuPercent])),
      peakRssMb: Object.fromEntries(Object.entries(usage).map(([k, u]) => [k, u.peakRssMb])),
      tracksInOut,
      tracksPerSfuCore: sfuCores > 0 ? Math.round(tracksInOut / sfuCores) : null,
      loadGeneratorProcesses: workers.length,
      passed: worst >= MIN_RECEIVED,
    };
  } catch (error) {
    const usage = attempt.stop();
    return {
      ...base,
      joined: false,
      error: String(error),
      subscriptionsUp: subscriptions,
      cpuPercent: Object.fromEntries(Object.entries(usage).map(([k, u]) => [k, u.cpuPercent])),
      peakRssMb: Object.fromEntries(Object.entries(usage).map(([k, u]) => [k, u.peakRssMb])),
      loadGeneratorProcesses: workers.length,
      passed: false,
    };
  } finally {
    attempt.stop();
    // Leave like people do; a worker whose native client hangs on leaving is killed (the SFU
    // then drops its participants after its own timeout).
    await Promise.race([Promise.all(workers.map((w) => w.ask({ leave: true }).catch(() => undefined))), sleep(10_000)]);
    for (const w of workers) if (w.child.exitCode === null) w.child.kill("SIGKILL");
    await sleep(1_000); // let the SFU tear the room down before the next step
  }
}

export async function benchRoomSize(runDir: string, budgetMs: number, log: (line: string) => void) {
  const host = await signUpHost("Room Bench Host");
  const deadline = performance.now() + budgetMs;
  // Publishers take most of the budget; viewers the rest.
  const publisherDeadline = performance.now() + budgetMs * 0.65;

  const describe = (s: Step) =>
    s.joined
      ? `worst pair ${Math.round(s.worstPairReceived * 100)}%, loss ${s.frameLossPercent}%, CPU SFU ${s.cpuPercent.livekit}% clients ${s.cpuPercent.clients}%`
      : `failed: ${s.error} (subscriptions ${s.subscriptionsUp?.up}/${s.subscriptionsUp?.expected}; CPU SFU ${s.cpuPercent.livekit}% clients ${s.cpuPercent.clients}%)`;

  const publisherCurve: Step[] = [];
  for (let n = 2; performance.now() < publisherDeadline; n += 2) {
    const step = await runStep(host, n, 0, runDir);
    publisherCurve.push(step);
    log(`room size: ${n} publishers: ${describe(step)}`);
    if (!step.passed) break;
  }

  const viewerCurve: Step[] = [];
  for (const m of [5, 10, 20, 30, 40, 60, 80, 99]) {
    // At least one viewer step, even when the publishers' last step overran its share.
    if (viewerCurve.length > 0 && performance.now() > deadline) break;
    const step = await runStep(host, 1, m, runDir);
    viewerCurve.push(step);
    log(`room size: 1 speaker + ${m} viewers: ${describe(step)}`);
    if (!step.passed) break;
  }

  const largest = (curve: Step[], key: "publishers" | "viewers") =>
    curve.filter((s) => s.passed).reduce((max, s) => Math.max(max, s[key]), 0);
  return {
    video: `${VIDEO.width}x${VIDEO.height} at ${VIDEO.fps} fps, VP8, no simulcast, plus Opus audio`,
    windowSeconds: WINDOW_MS / 1000,
    passRule: `every receiver gets ≥ ${MIN_RECEIVED * 100}% of the expected frames from every publisher`,
    viewersNote:
      "viewers join with a participant invite and do not publish (a viewer invite would only take away a publish grant they do not use)",
    largestAllPublishing: largest(publisherCurve, "publishers"),
    largestViewersForOneSpeaker: largest(viewerCurve, "viewers"),
    stoppedBy: {
      publishers: publisherCurve.at(-1)?.passed ? "time budget" : "frame loss or a failed join",
      viewers: viewerCurve.at(-1)?.passed ? "time budget or the list's end" : "frame loss or a failed join",
    },
    publisherCurve,
    viewerCurve,
  };
}
