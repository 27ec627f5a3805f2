/**
 * 6. Memory: a soak of joins and leaves. Several Node participants at a time join one
 * meeting through the invite route (every check, a token, the SFU, the admission webhook,
 * attendance), stay a moment and leave, for BENCH_SOAK_MINUTES (10 by default, the issue's
 * size). The app's and the SFU's resident memory (whole process trees) is sampled every
 * 5 s. After warm-up (the first 20% of the run), growth compares the high-water mark of the
 * second half with that of the first half (soakGrowth): a leak raises the peaks; caches and
 * pools level off.
 * Memory under the throughput load is reported with the throughput benchmark.
 */
import { createMeeting, joinAsGuest, signUpHost } from "./lib/app";
import { connectBenchPeer } from "./lib/peers";
import { pidFromFile, startUsageSampler } from "./lib/processes";
import { round, sleep } from "./lib/stats";

const MINUTES = Number(process.env.BENCH_SOAK_MINUTES ?? 10);
const CONCURRENT = 4;
const STAY_MS = 1_000;
const SAMPLE_MS = 5_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

type Sample = { atS: number; app: number; livekit: number };

/**
 * Growth of one process tree over the soak: the largest sample of the second half of the
 * measured period (after warm-up) against the largest of the first half. The app's resident
 * memory is a sawtooth: V8 lets its heap grow, then a major collection hands memory back
 * (~140 MB at once). Comparing the medians of two single minutes, as this benchmark first
 * did, compared one phase of the sawtooth with another: 27.6% "growth" in a run whose app
 * peaked at 546 MB before the minute after warm-up and at 541 MB in the last minute. A leak
 * raises the peaks; a sawtooth does not. The medians are kept beside it.
 */
export function soakGrowth(samples: Sample[], key: "app" | "livekit", warmupS: number, totalS: number) {
  const middleS = (warmupS + totalS) / 2;
  const values = (from: number, to: number) => samples.filter((s) => s.atS >= from && s.atS < to).map((s) => s[key]);
  const firstHalfPeak = Math.max(...values(warmupS, middleS));
  const secondHalfPeak = Math.max(...values(middleS, Infinity));
  return {
    firstHalfPeakMb: firstHalfPeak,
    secondHalfPeakMb: secondHalfPeak,
    growthPercent: round(((secondHalfPeak - firstHalfPeak) / firstHalfPeak) * 100),
    medianAfterWarmupMb: median(values(warmupS, warmupS + 60)),
    medianLastMinuteMb: median(values(totalS - 60, Infinity)),
  };
}

export async function benchMemorySoak(runDir: string, log: (line: string) => void) {
  const host = await signUpHost("Soak Host");
  const meeting = await createMeeting(host, "Memory soak");
  const roots = { app: pidFromFile(runDir, "app"), livekit: pidFromFile(runDir, "livekit") };
  const durationMs = MINUTES * 60_000;
  const started = performance.now();
  const samples: Sample[] = [];
  let joins = 0;
  let failures = 0;

  const sampleTimer = setInterval(() => {
    // A zero-length window: the sampler reads the trees' current resident memory.
    const usage = startUsageSampler(roots).stop();
    samples.push({ atS: round((performance.now() - started) / 1000), app: usage.app!.peakRssMb, livekit: usage.livekit!.peakRssMb });
  }, SAMPLE_MS);
  const progress = setInterval(() => {
    const last = samples.at(-1);
    log(
      `memory soak: ${Math.round((performance.now() - started) / 60_000)} min, ${joins} joins, app ${last?.app} MB, SFU ${last?.livekit} MB`,
    );
  }, 60_000);

  const loop = async (worker: number) => {
    for (let i = 0; performance.now() - started < durationMs; i++) {
      try {
        // Bounded: a join that never completes counts as a failure instead of stopping the soak.
        await Promise.race([
          (async () => {
            const grant = await joinAsGuest(meeting, `Soak ${worker}.${i}`);
            const peer = await connectBenchPeer(grant.displayName, grant.serverUrl, grant.token, { subscribe: true, countFrames: false });
            await sleep(STAY_MS);
            await peer.leave();
          })(),
          sleep(30_000).then(() => {
            throw new Error("a join and leave took over 30 s");
          }),
        ]);
        joins++;
      } catch (error) {
        failures++;
        if (failures <= 3) log(`memory soak: a join failed: ${error}`);
        await sleep(STAY_MS);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => loop(i + 1)));
  } finally {
    clearInterval(sampleTimer);
    clearInterval(progress);
  }

  const totalS = (performance.now() - started) / 1000;
  const warmupS = totalS * 0.2;
  return {
    minutes: MINUTES,
    concurrent: CONCURRENT,
    stayMs: STAY_MS,
    joins,
    failures,
    warmupSeconds: round(warmupS),
    app: soakGrowth(samples, "app", warmupS, totalS),
    livekit: soakGrowth(samples, "livekit", warmupS, totalS),
    samples,
    target: { growthPercent: 10 },
  };
}
