import { describe, expect, it } from "vitest";
import { createReactionLimiter, decodeReaction, encodeReaction, REACTIONS } from "@/lib/reactions";

describe("reactions", () => {
  it("round-trips every emoji of the set through a data packet", () => {
    for (const reaction of REACTIONS) expect(decodeReaction(encodeReaction(reaction.emoji))).toEqual(reaction);
  });

  it("ignores packets that are not one of Parley's reactions", () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    expect(decodeReaction(bytes('{"emoji":"💩"}'))).toBeNull();
    expect(decodeReaction(bytes("not json"))).toBeNull();
    expect(decodeReaction(bytes('{"emoji":"<img src=x>"}'))).toBeNull();
  });

  it("lets each person send 5 reactions per 10 seconds, counted separately per person", () => {
    const limiter = createReactionLimiter({ max: 5, windowMs: 10_000 });
    const t0 = 1_000_000;
    for (let i = 0; i < 5; i++) expect(limiter.allow("ana", t0 + i)).toBe(true);
    expect(limiter.allow("ana", t0 + 100)).toBe(false);
    // Someone else is not slowed down by Ana.
    expect(limiter.allow("ben", t0 + 100)).toBe(true);
    // Once the first one leaves the window, Ana can react again.
    expect(limiter.allow("ana", t0 + 10_000)).toBe(true);
    expect(limiter.allow("ana", t0 + 10_000)).toBe(false);
  });
});
