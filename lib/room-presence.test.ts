import { describe, expect, it } from "vitest";
import { createRoomPresenceMemo } from "@/lib/room-presence";

/** A lookup whose answers the test gives by hand, recording each call. */
function setup(freshMs = 1000) {
  let clock = 0;
  const calls: { room: string; answer: (count: number | null) => void }[] = [];
  const lookup = (room: string) => new Promise<number | null>((resolve) => calls.push({ room, answer: resolve }));
  const memo = createRoomPresenceMemo({ lookup, freshMs, now: () => clock, sweepAbove: 3 });
  return { memo, calls, advance: (ms: number) => (clock += ms) };
}

describe("room presence memo", () => {
  it("lets concurrent claims on one room share a single lookup, and reuses its count while fresh", async () => {
    const { memo, calls, advance } = setup();
    const first = memo.claimSeat("r", 10);
    const second = memo.claimSeat("r", 10);
    expect(calls).toHaveLength(1);
    calls[0]!.answer(3);
    expect([await first, await second]).toEqual([true, true]);

    advance(999);
    expect(await memo.claimSeat("r", 10)).toBe(true);
    expect(calls).toHaveLength(1);

    advance(1);
    const later = memo.claimSeat("r", 10);
    expect(calls).toHaveLength(2);
    calls[1]!.answer(0);
    expect(await later).toBe(true);
  });

  it("counts the seats it gave out on top of LiveKit's count, and refuses once the room is full", async () => {
    const { memo, calls, advance } = setup();
    const claims = [1, 2, 3].map(() => memo.claimSeat("r", 3));
    calls[0]!.answer(1);
    expect(await Promise.all(claims)).toEqual([true, true, false]);
    expect(await memo.claimSeat("r", 3)).toBe(false);

    // The next lookup replaces the estimate: the two given out never connected.
    advance(1000);
    const again = memo.claimSeat("r", 3);
    calls[1]!.answer(1);
    expect(await again).toBe(true);
  });

  it("looks each room up separately; a room LiveKit does not know counts as empty", async () => {
    const { memo, calls } = setup();
    const a = memo.claimSeat("a", 1);
    const b = memo.claimSeat("b", 2);
    expect(calls.map((c) => c.room)).toEqual(["a", "b"]);
    calls[0]!.answer(null);
    calls[1]!.answer(2);
    expect([await a, await b]).toEqual([true, false]);
  });

  it("knows a room exists only when someone was in it or it was created, within the freshness window", async () => {
    const { memo, calls, advance } = setup();
    expect(memo.knownToExist("r")).toBe(false);
    const empty = memo.claimSeat("r", 5);
    calls[0]!.answer(0);
    await empty;
    expect(memo.knownToExist("r")).toBe(false);

    memo.created("r");
    expect(memo.knownToExist("r")).toBe(true);
    advance(999);
    expect(memo.knownToExist("r")).toBe(true);
    advance(1);
    expect(memo.knownToExist("r")).toBe(false);

    const occupied = memo.claimSeat("r", 5);
    calls[1]!.answer(2);
    await occupied;
    expect(memo.knownToExist("r")).toBe(true);
  });

  it("keeps a creation made while a lookup ran, and the seats claimed on it", async () => {
    const { memo, calls, advance } = setup();
    const looked = memo.claimSeat("r", 2);
    advance(10);
    memo.created("r");
    expect(await memo.claimSeat("r", 2)).toBe(true);
    calls[0]!.answer(0);
    expect(await looked).toBe(true);
    expect(memo.knownToExist("r")).toBe(true);
    expect(await memo.claimSeat("r", 2)).toBe(false);
  });

  it("marks a deleted room gone at once, whatever a lookup begun before the deletion answers", async () => {
    const { memo, calls, advance } = setup();
    memo.created("r");
    advance(1000);
    const looked = memo.claimSeat("r", 10);
    advance(10);
    memo.deleted("r");
    calls[0]!.answer(5);
    await looked;
    expect(memo.knownToExist("r")).toBe(false);
  });

  it("sweeps expired rooms once it holds many, keeping fresh ones", () => {
    const { memo, calls, advance } = setup();
    memo.created("old-1");
    memo.created("old-2");
    memo.created("old-3");
    advance(1000);
    expect(memo.size()).toBe(3);
    memo.created("new");
    expect(memo.size()).toBe(1);
    advance(500);
    memo.created("newer-1");
    memo.created("newer-2");
    memo.created("newer-3");
    expect(memo.size()).toBe(4);
    expect(memo.knownToExist("new")).toBe(true);
    expect(calls).toHaveLength(0);
  });
});
