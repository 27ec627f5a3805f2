import { TimeoutError, withTimeout } from "@/lib/async";

export type CheckName = "database" | "livekit";

export interface CheckResult {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

export interface HealthReport {
  status: "ok" | "unavailable";
  /** Names of the dependencies that failed, so an operator sees at once what broke. */
  down: CheckName[];
  checks: Record<CheckName, CheckResult>;
}

export type Probe = (timeoutMs: number) => Promise<void>;

export const HEALTH_CHECK_TIMEOUT_MS = 2_000;

/** Runs every probe in parallel, each bounded by the timeout, and never throws. */
export async function checkHealth(probes: Record<CheckName, Probe>, timeoutMs = HEALTH_CHECK_TIMEOUT_MS): Promise<HealthReport> {
  const names = Object.keys(probes) as CheckName[];
  const results = await Promise.all(names.map((name) => runCheck(name, probes[name], timeoutMs)));
  const checks = Object.fromEntries(names.map((name, i) => [name, results[i]])) as Record<CheckName, CheckResult>;
  const down = names.filter((name) => !checks[name].ok);
  return { status: down.length === 0 ? "ok" : "unavailable", down, checks };
}

async function runCheck(name: CheckName, probe: Probe, timeoutMs: number): Promise<CheckResult> {
  const started = performance.now();
  try {
    await withTimeout(probe(timeoutMs), timeoutMs, name);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    // The health endpoint is public: keep internal addresses and driver messages in the
    // server log, and tell the caller only which dependency failed and how.
    console.error(`[health] ${name} check failed:`, error);
    return {
      ok: false,
      latencyMs: Math.round(performance.now() - started),
      error: error instanceof TimeoutError ? "timed out" : "unreachable",
    };
  }
}
