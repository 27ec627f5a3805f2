import { describe, expect, it } from "vitest";
import { batchedWhileInFlight } from "@/lib/batched";

/** A batch function whose batches the test finishes by hand, recording what each held. */
function manualRun() {
  const batches: number[][] = [];
  const finish: Array<(fail?: Error) => void> = [];
  const run = (inputs: readonly number[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push([...inputs]);
      finish.push((fail) => (fail ? reject(fail) : resolve(inputs.map((n) => `answer ${n}`))));
    });
  return { run, batches, finish };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("batchedWhileInFlight", () => {
  it("sends an input at once when nothing is in flight, and what arrives meanwhile as one batch after it", async () => {
    const { run, batches, finish } = manualRun();
    const send = batchedWhileInFlight(run);

    const first = send(1);
    await settle();
    expect(batches).toEqual([[1]]);

    const waiting = [send(2), send(3)];
    await settle();
    const later = send(4);
    await settle();
    expect(batches).toEqual([[1]]);

    finish[0]!();
    expect(await first).toBe("answer 1");
    await settle();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    finish[1]!();
    expect(await Promise.all([...waiting, later])).toEqual(["answer 2", "answer 3", "answer 4"]);
  });

  it("gives every input of a failed batch its error, and the next batch still goes", async () => {
    const { run, batches, finish } = manualRun();
    const send = batchedWhileInFlight(run);
    const first = send(1);
    await settle();
    const failed = [send(2), send(3)].map((p) => p.catch((error: Error) => error.message));
    finish[0]!();
    await first;
    await settle();
    finish[1]!(new Error("database down"));
    expect(await Promise.all(failed)).toEqual(["database down", "database down"]);

    const next = send(5);
    await settle();
    expect(batches.at(-1)).toEqual([5]);
    finish[2]!();
    expect(await next).toBe("answer 5");
  });

  it("never merges equal inputs: each is its own attempt", async () => {
    const { run, batches, finish } = manualRun();
    const send = batchedWhileInFlight(run);
    const answers = [send(7), send(7)];
    await settle();
    finish[0]!();
    expect(await Promise.all(answers)).toEqual(["answer 7", "answer 7"]);
    expect(batches).toEqual([[7, 7]]);
  });
});
