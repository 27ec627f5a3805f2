/**
 * 5. Room size on one machine. Node participants join one meeting through the app's invite
 * route; each publishes 320x180 at 15 fps plus audio and subscribes to everyone else. A
 * step passes when every participant joined and received at least 90% of the expected
 * frames from every other one. Then one speaker with growing numbers of watch-only viewers.
 *
 * The participants run in this process, on the same two cores as the SFU and the app, and
 * decode every stream they receive: the bench process's own CPU is reported beside the
 * SFU's so a reader can tell which one ran out first.
 */
import { createMeeting, joinAsGuest, signUpHost, type BenchMeeting, type Host } from "./lib/app";
import { connectBenchPeer, SyntheticMedia, VIDEO, type BenchPeer } from "./lib/peers";
import { pidFromFile, startUsageSampler } from "./lib/processes";
import { round, sleep } from "./lib/stats";

const WARMUP_MS = 3_000;
const WINDOW_MS = 10_000;
const MIN_RECEIVED = 0.9;

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
  passed: boolean;
}

async function waitFor(condition: () => boolean, timeoutMs: number, what: string) {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

async function runStep(host: Host, publishers: number, viewers: number, runDir: string): Promise<Step> {
  const meeting: BenchMeeting = await createMeeting(host, `Room size ${publishers}+${viewers}`);
  const media = new SyntheticMedia();
  const peers: BenchPeer[] = [];
  const roots = { livekit: pidFromFile(runDir, "livekit"), app: pidFromFile(runDir, "app"), clients: process.pid };
  const base = { publishers, viewers, worstPairReceived: 0, meanReceived: 0, frameLossPercent: 100 };
  try {
    const join = async (name: string, publish: boolean) => {
      const grant = await joinAsGuest(meeting, name);
      const peer = await connectBenchPeer(name, grant.serverUrl, grant.token, { subscribe: true, countFrames: true });
      if (publish) await media.publish(peer);
      peers.push(peer);
      return peer;
    };
    const speakers = await Promise.all(Array.from({ length: publishers }, (_, i) => join(`Speaker ${i + 1}`, true)));
    await Promise.all(Array.from({ length: viewers }, (_, i) => join(`Viewer ${i + 1}`, false)));

    // Everyone must be subscribed to every publisher's video before counting starts.
    const speakerIds = speakers.map((s) => s.room.localParticipant!.identity);
    const expectedFrom = (peer: BenchPeer) => speakerIds.filter((id) => id !== peer.room.localParticipant!.identity);
    await waitFor(() => peers.every((p) => expectedFrom(p).every((id) => p.framesFrom.has(id))), 30_000, "every subscription");
    await sleep(WARMUP_MS);

    const sampler = startUsageSampler(roots);
    const before = peers.map((p) => new Map(p.framesFrom));
    const started = performance.now();
    await sleep(WINDOW_MS);
    const seconds = (performance.now() - started) / 1000;
    const usage = sampler.stop();

    const ratios = peers.flatMap((p, i) =>
      expectedFrom(p).map((id) => ((p.framesFrom.get(id) ?? 0) - (before[i]!.get(id) ?? 0)) / (VIDEO.fps * seconds)),
    );
    // A sender slightly above 15 fps must not hide loss elsewhere: cap each pair at 100%.
    const capped = ratios.map((r) => Math.min(1, r));
    const worst = Math.min(...capped);
    const mean = capped.reduce((s, r) => s + r, 0) / capped.length;
    return {
      ...base,
      joined: true,
      worstPairReceived: round(worst, 3),
      meanReceived: round(mean, 3),
      frameLossPercent: round((1 - mean) * 100),
      cpuPercent: Object.fromEntries(Object.entries(usage).map(([k, u]) => [k, u.cpuPercent])),
      peakRssMb: Object.fromEntries(Object.entries(usage).map(([k, u]) => [k, u.peakRssMb])),
      passed: worst >= MIN_RECEIVED,
    };
  } catch (error) {
    return { ...base, joined: false, error: String(error), cpuPercent: {}, peakRssMb: {}, passed: false };
  } finally {
    await Promise.all(peers.map((p) => p.leave().catch(() => undefined)));
    await media.close();
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
      : `failed: ${s.error}`;

  const publisherCurve: Step[] = [];
  for (let n = 2; performance.now() < publisherDeadline; n += 2) {
    const step = await runStep(host, n, 0, runDir);
    publisherCurve.push(step);
    log(`room size: ${n} publishers: ${describe(step)}`);
    if (!step.passed) break;
  }

  const viewerCurve: Step[] = [];
  for (const m of [5, 10, 20, 30, 40, 60, 80, 99]) {
    if (performance.now() > deadline) break;
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
