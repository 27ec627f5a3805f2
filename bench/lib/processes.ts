/**
 * CPU and memory of the stack's processes, read from /proc. The pid files written by
 * scripts/lib/stack.sh name the process that was started (the app's server, or the primary of
 * its workers with APP_WORKERS > 1; the livekit-server binary); the work may happen in its
 * children, so every figure covers the whole process tree.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

const CLOCK_TICKS = 100; // USER_HZ on Linux x86-64
const PAGE_SIZE = 4096;

interface ProcStat {
  pid: number;
  ppid: number;
  /** user + system CPU time, in ticks */
  ticks: number;
  rssBytes: number;
}

export function readStat(pid: number): ProcStat | null {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may contain spaces: parse after the last ')'.
    const fields = raw.slice(raw.lastIndexOf(")") + 2).split(" ");
    return {
      pid,
      ppid: Number(fields[1]),
      ticks: Number(fields[11]) + Number(fields[12]),
      rssBytes: Number(fields[21]) * PAGE_SIZE,
    };
  } catch {
    return null; // the process exited meanwhile
  }
}

export function allProcesses(): ProcStat[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((stat): stat is ProcStat => stat !== null);
}

/**
 * The process and all its descendants, except those under another root: a server the bench
 * process spawns is measured under its own name, not also as part of the load generator.
 */
function tree(root: number, processes: ProcStat[], otherRoots: Set<number>): ProcStat[] {
  const children = new Map<number, ProcStat[]>();
  for (const p of processes) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const found: ProcStat[] = [];
  const queue = processes.filter((p) => p.pid === root);
  while (queue.length) {
    const next = queue.shift()!;
    found.push(next);
    queue.push(...(children.get(next.pid) ?? []).filter((child) => !otherRoots.has(child.pid)));
  }
  return found;
}

export function pidFromFile(runDir: string, name: string): number {
  return Number(readFileSync(path.join(runDir, `${name}.pid`), "utf8").trim());
}

export interface UsageSample {
  /** average CPU over the window, in % of one core (200% = both cores of this machine) */
  cpuPercent: number;
  /** peak resident memory of the tree during the window, MB */
  peakRssMb: number;
}

/**
 * Samples named process trees every `intervalMs` until stopped; returns average CPU and
 * peak memory of each over the whole window.
 */
export function startUsageSampler(roots: Record<string, number>, intervalMs = 500) {
  const startedAt = performance.now();
  const rootPids = new Set(Object.values(roots));
  // CPU ticks of every process seen in each tree, kept after it exits (PostgreSQL's backends
  // and worker processes come and go during a run; only their last 0.5 s is lost).
  const ticksByPid: Record<string, Map<number, number>> = Object.fromEntries(Object.keys(roots).map((k) => [k, new Map()]));
  const peak: Record<string, number> = Object.fromEntries(Object.keys(roots).map((k) => [k, 0]));
  const totalTicks = (name: string) => [...ticksByPid[name]!.values()].reduce((sum, ticks) => sum + ticks, 0);

  function sample() {
    const processes = allProcesses();
    for (const [name, pid] of Object.entries(roots)) {
      const otherRoots = new Set([...rootPids].filter((other) => other !== pid));
      const members = tree(pid, processes, otherRoots);
      for (const member of members) ticksByPid[name]!.set(member.pid, member.ticks);
      peak[name] = Math.max(
        peak[name]!,
        members.reduce((sum, p) => sum + p.rssBytes, 0),
      );
    }
  }
  sample();
  const first = Object.fromEntries(Object.keys(roots).map((name) => [name, totalTicks(name)]));
  const timer = setInterval(sample, intervalMs);

  return {
    stop(): Record<string, UsageSample> {
      clearInterval(timer);
      sample();
      const seconds = (performance.now() - startedAt) / 1000;
      return Object.fromEntries(
        Object.keys(roots).map((name) => [
          name,
          {
            cpuPercent: Math.round(((totalTicks(name) - first[name]!) / CLOCK_TICKS / seconds) * 1000) / 10,
            peakRssMb: Math.round(peak[name]! / 1e6),
          },
        ]),
      );
    },
  };
}
