/**
 * The app as several processes on one port (APP_WORKERS, scripts/app-workers.mjs,
 * docs/decisions/032-token-throughput.md), started from the same build as the test app:
 * every worker serves, a worker that dies is replaced while the others go on answering, and
 * SIGTERM to the primary alone (what Docker's init sends) stops them all.
 */
import http from "node:http";
import { describe, expect, it } from "vitest";
import { allProcesses, readStat } from "../../bench/lib/processes";
import { startSecondInstance } from "./support/second-instance";

function childrenOf(pid: number): number[] {
  return allProcesses()
    .filter((stat) => stat.ppid === pid)
    .map((stat) => stat.pid);
}

/** How many workers have said they are listening ("✓ Ready in …", printed by each). */
const readyCount = (output: string) => output.split("Ready in").length - 1;

/** A GET on a connection of its own (fetch could reuse one the dead worker held). */
function statusOnNewConnection(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      })
      .on("error", reject);
  });
}

/** `parallel` callers each sending `each` requests one after another; the statuses they got. */
async function load(url: string, parallel: number, each: number): Promise<number[]> {
  const statuses: number[] = [];
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let i = 0; i < each; i++) statuses.push((await fetch(url)).status);
    }),
  );
  return statuses;
}

describe("APP_WORKERS=2", () => {
  it("runs two workers that both serve, replaces one that dies, and stops them all on SIGTERM to the primary", async () => {
    const instance = await startSecondInstance({ APP_WORKERS: "2" });
    try {
      await instance.untilOutput((output) => readyCount(output) === 2);
      const workers = childrenOf(instance.pid);
      expect(workers).toHaveLength(2);
      const health = `${instance.url}/api/health`;

      // Concurrent callers open connections of their own; the primary hands them out in turn.
      const ticksBefore = workers.map((pid) => readStat(pid)!.ticks);
      const statuses = await load(health, 16, 20);
      expect(statuses.every((status) => status === 200)).toBe(true);
      const ticksAfter = workers.map((pid) => readStat(pid)!.ticks);
      // A worker left idle spends a tick or two on its timers; one that served requests, tens
      // (0.2 s of CPU here is 20 ticks).
      workers.forEach((pid, i) => expect(ticksAfter[i]! - ticksBefore[i]!, `CPU ticks of worker ${pid}`).toBeGreaterThanOrEqual(20));

      // One dies: once the primary knows, the other answers a new connection meanwhile, and
      // a new worker takes the dead one's place.
      process.kill(workers[0]!, "SIGKILL");
      await instance.untilOutput((output) => output.includes(`worker ${workers[0]} exited (SIGKILL); starting another`));
      expect(await statusOnNewConnection(health)).toBe(200);
      await instance.untilOutput((output) => readyCount(output) === 3);
      const replaced = childrenOf(instance.pid);
      expect(replaced).toHaveLength(2);
      expect(replaced).toContain(workers[1]);
      expect(replaced).not.toContain(workers[0]);
      expect((await load(health, 8, 5)).every((status) => status === 200)).toBe(true);

      // SIGTERM to the primary only: every worker stops, then the primary, with exit code 0.
      process.kill(instance.pid, "SIGTERM");
      expect(await instance.exited).toBe(0);
      expect(replaced.filter((pid) => readStat(pid) !== null)).toEqual([]);
    } finally {
      await instance.stop();
    }
  });
});
