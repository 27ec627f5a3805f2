import { describe, expect, it } from "vitest";
import { parseServerEnv } from "@/lib/env";
import {
  RATE_LIMIT_POLICIES,
  clientAddress,
  countsOfBatch,
  createRateLimiter,
  decide,
  normalizeAddress,
  planBatch,
  scaledLimit,
  windowPosition,
  type BucketHit,
  type RateLimitStore,
} from "@/lib/rate-limit";
import { errorResponse } from "@/lib/http/handle";
import { rateLimitedResponse } from "@/lib/http/rate-limited";
import { RateLimited } from "@/lib/meetings/errors";

/** The PostgreSQL store's semantics in memory: count per (key, window start). */
function memoryStore() {
  const counts = new Map<string, number>();
  const id = (key: string, start: number) => `${key}@${start}`;
  const store: RateLimitStore & { rows: Map<string, number>; deletedAt: number[] } = {
    rows: counts,
    deletedAt: [],
    async hit(buckets: BucketHit[]) {
      const result = new Map<string, { current: number; previous: number }>();
      for (const b of buckets) {
        const current = (counts.get(id(b.key, b.windowStart)) ?? 0) + 1;
        counts.set(id(b.key, b.windowStart), current);
        result.set(b.key, { current, previous: counts.get(id(b.key, b.previousStart)) ?? 0 });
      }
      return result;
    },
    async deleteExpired(nowMs: number) {
      store.deletedAt.push(nowMs);
    },
  };
  return store;
}

function clock(startMs: number) {
  let now = startMs;
  return { now: () => now, advance: (seconds: number) => (now += seconds * 1000) };
}

const settings = { enabled: true, scale: 1, exempt: [] as string[] };
// A moment that is the start of a minute, an hour and a quarter of an hour.
const T0 = Date.UTC(2026, 10, 21, 9, 0, 0);

describe("sliding window math", () => {
  it("places a moment in its fixed window, the one before, and keeps rows for two windows", () => {
    expect(windowPosition(T0 + 59_999, 60)).toEqual({ windowStart: T0, previousStart: T0 - 60_000, expiresAt: T0 + 120_000 });
    expect(windowPosition(T0 + 60_000, 60).windowStart).toBe(T0 + 60_000);
  });

  it("allows up to the limit in one window and refuses the next attempt until the window ends", () => {
    expect(decide({ nowMs: T0 + 10_000, limit: 5, windowSeconds: 60, current: 5, previous: 0 })).toEqual({
      allowed: true,
      retryAfterSeconds: 0,
    });
    // 6 counted (the refused one too), nothing before: the next attempt fits once this window
    // weighs little enough: 6 × (60 − e)/60 + 1 ≤ 5 → e ≥ 20 s into the next window.
    expect(decide({ nowMs: T0 + 10_000, limit: 5, windowSeconds: 60, current: 6, previous: 0 })).toEqual({
      allowed: false,
      retryAfterSeconds: 50 + 20,
    });
  });

  it("weighs the previous window by how much of it still overlaps", () => {
    // 45 s into the window, a quarter of the previous window still counts: 8 × 0.25 + 3 = 5.
    expect(decide({ nowMs: T0 + 45_000, limit: 5, windowSeconds: 60, current: 3, previous: 8 }).allowed).toBe(true);
    // 30 s in: 8 × 0.5 + 3 = 7 > 5. One more fits when 8 × (60 − e)/60 + 4 ≤ 5 → e ≥ 52.5 s.
    expect(decide({ nowMs: T0 + 30_000, limit: 5, windowSeconds: 60, current: 3, previous: 8 })).toEqual({
      allowed: false,
      retryAfterSeconds: 23,
    });
  });

  it("announces at least one second", () => {
    const decision = decide({ nowMs: T0 + 59_999, limit: 1, windowSeconds: 60, current: 1, previous: 1 });
    expect(decision.allowed).toBe(false);
    expect(decision.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });

  it("scales limits by RATE_LIMITS' scale, never below one", () => {
    expect(scaledLimit(10, 2.5)).toBe(25);
    expect(scaledLimit(10, 0.01)).toBe(1);
  });
});

describe("the limiter with a clock", () => {
  it("refuses the attempt after the limit, and the announced Retry-After is really enough", async () => {
    const time = clock(T0 + 5_000);
    const limiter = createRateLimiter({ store: memoryStore(), settings, now: time.now, random: () => 1 });
    const limit = RATE_LIMIT_POLICIES.signUp[0].limit;
    for (let i = 0; i < limit; i++) expect((await limiter.check("signUp", "198.51.100.7")).allowed).toBe(true);
    const refused = await limiter.check("signUp", "198.51.100.7");
    expect(refused.allowed).toBe(false);

    time.advance(refused.retryAfterSeconds - 1);
    expect((await limiter.check("signUp", "198.51.100.7")).allowed).toBe(false);
  });

  it("lets a caller back in after waiting Retry-After, without retrying meanwhile", async () => {
    const time = clock(T0 + 5_000);
    const limiter = createRateLimiter({ store: memoryStore(), settings, now: time.now, random: () => 1 });
    for (let i = 0; i < 10; i++) await limiter.check("signUp", "198.51.100.7");
    const refused = await limiter.check("signUp", "198.51.100.7");
    expect(refused.allowed).toBe(false);
    time.advance(refused.retryAfterSeconds);
    expect((await limiter.check("signUp", "198.51.100.7")).allowed).toBe(true);
  });

  it("keeps a caller who keeps hammering refused for longer", async () => {
    const time = clock(T0);
    const limiter = createRateLimiter({ store: memoryStore(), settings, now: time.now, random: () => 1 });
    for (let i = 0; i < RATE_LIMIT_POLICIES.knock[0].limit; i++) await limiter.check("knock", "198.51.100.7");
    const first = await limiter.check("knock", "198.51.100.7");
    expect(first.allowed).toBe(false);
    for (let i = 0; i < 30; i++) await limiter.check("knock", "198.51.100.7");
    const later = await limiter.check("knock", "198.51.100.7");
    expect(later.retryAfterSeconds).toBeGreaterThan(first.retryAfterSeconds);
  });

  it("counts each address separately, and an account per address for sign-in", async () => {
    const limiter = createRateLimiter({ store: memoryStore(), settings, now: clock(T0).now, random: () => 1 });
    for (let i = 0; i < 10; i++) await limiter.check("signIn", "198.51.100.7", "ada@example.test");
    expect((await limiter.check("signIn", "198.51.100.7", "ada@example.test")).allowed).toBe(false);
    expect((await limiter.check("signIn", "198.51.100.7", "grace@example.test")).allowed).toBe(true);
    expect((await limiter.check("signIn", "198.51.100.8", "ada@example.test")).allowed).toBe(true);
  });

  it("refuses with the longest wait when several rules are over", async () => {
    const time = clock(T0);
    const limiter = createRateLimiter({ store: memoryStore(), settings: { ...settings, scale: 0.1 }, now: time.now, random: () => 1 });
    // scale 0.1: 1 per 15 min per account+address, 10 per 15 min per address.
    await limiter.check("signIn", "198.51.100.7", "ada@example.test");
    const refused = await limiter.check("signIn", "198.51.100.7", "ada@example.test");
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBeGreaterThan(15 * 60);
  });

  it("does nothing when RATE_LIMITS is off, and never limits exempt addresses", async () => {
    const store = memoryStore();
    const off = createRateLimiter({ store, settings: { ...settings, enabled: false }, random: () => 1 });
    const exempt = createRateLimiter({ store, settings: { ...settings, exempt: ["127.0.0.1", "::1"] }, random: () => 1 });
    for (let i = 0; i < 50; i++) {
      expect((await off.check("signUp", "198.51.100.7")).allowed).toBe(true);
      expect((await exempt.check("signUp", "::ffff:127.0.0.1")).allowed).toBe(true);
      expect((await exempt.check("signUp", "::1")).allowed).toBe(true);
    }
    expect(store.rows.size).toBe(0);
  });

  it("deletes expired rows on about one check in a hundred", async () => {
    const store = memoryStore();
    let roll = 0;
    const rolls = [0.5, 0.009, 0.99];
    const limiter = createRateLimiter({ store, settings, now: () => T0, random: () => rolls[roll++ % 3] ?? 1 });
    for (let i = 0; i < 3; i++) await limiter.check("knock", "198.51.100.7");
    expect(store.deletedAt).toEqual([T0]);
  });
});

describe("counting a batch of checks in one statement", () => {
  const minute = (key: string, startMs: number): BucketHit => ({ key, ...windowPosition(startMs, 60) });
  // Checks in arrival order: two windows of bucket "a" (the later one reads the earlier as its
  // previous window), and bucket "b" shared by two checks.
  const checks: BucketHit[][] = [
    [minute("b", T0), minute("a", T0)],
    [minute("a", T0)],
    [minute("a", T0 + 60_000), minute("b", T0)],
    [minute("a", T0 + 60_000)],
  ];

  it("gives each check the counts it would have had from statements of its own, one after another", async () => {
    // What the database holds before the batch, per (key, window start).
    const before = new Map([
      ["a@" + T0, 4],
      ["b@" + T0, 2],
    ]);
    const alone = memoryStore();
    for (const [id, count] of before) alone.rows.set(id, count);
    const oneByOne = [];
    for (const check of checks) oneByOne.push(await alone.hit(check));

    // The statement's answer per planned row: the count after the batch, and the previous
    // window as it was before the statement.
    const plan = planBatch(checks);
    const counted = plan.rows.map((row) => ({
      total: (before.get(`${row.key}@${row.windowStart}`) ?? 0) + row.hits,
      previous: before.get(`${row.key}@${row.previousStart}`) ?? 0,
    }));
    expect(countsOfBatch(checks, plan, counted)).toEqual(oneByOne);
  });

  it("sends one row per bucket and window, counting all of the batch's attempts on it, sorted the same way every time", () => {
    const plan = planBatch(checks);
    expect(plan.rows.map((row) => [row.key, row.windowStart - T0, row.hits])).toEqual([
      ["a", 0, 2],
      ["a", 60_000, 2],
      ["b", 0, 2],
    ]);
    expect(planBatch([...checks].reverse()).rows.map((row) => [row.key, row.windowStart])).toEqual(
      plan.rows.map((row) => [row.key, row.windowStart]),
    );
  });
});

describe("client addresses", () => {
  it("takes the last X-Forwarded-For entry: the one our server or our proxy wrote", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.9, 198.51.100.7" }))).toBe("198.51.100.7");
    expect(clientAddress(new Headers({ "x-forwarded-for": "::ffff:127.0.0.1" }))).toBe("127.0.0.1");
    expect(clientAddress(new Headers())).toBe("unknown");
  });

  it("spells one client one way: no ports, IPv6 by its /64", () => {
    expect(normalizeAddress("198.51.100.7:51234")).toBe("198.51.100.7");
    expect(normalizeAddress("[2001:db8:1:2:aaaa::1]:443")).toBe("2001:db8:1:2::/64");
    expect(normalizeAddress("2001:DB8:1:2:bbbb:cccc:dddd:eeee")).toBe("2001:db8:1:2::/64");
    expect(normalizeAddress("::1")).toBe("0:0:0:0::/64");
  });
});

describe("RATE_LIMITS and TRUST_PROXY", () => {
  const base = {
    DATABASE_URL: "postgresql://parley:pw@127.0.0.1:5432/parley",
    AUTH_SECRET: "a".repeat(32),
    LIVEKIT_URL: "ws://localhost:7880",
    LIVEKIT_API_KEY: "parley",
    LIVEKIT_API_SECRET: "s".repeat(32),
  };

  it("defaults to the built-in limits and not trusting X-Forwarded-For", () => {
    const env = parseServerEnv(base);
    expect(env.RATE_LIMITS).toEqual({ enabled: true, scale: 1, exempt: [] });
    expect(env.TRUST_PROXY).toBe(false);
    expect(parseServerEnv({ ...base, RATE_LIMITS: "on", TRUST_PROXY: "" }).RATE_LIMITS.enabled).toBe(true);
  });

  it('reads "off", a scale and exempt addresses', () => {
    expect(parseServerEnv({ ...base, RATE_LIMITS: "off" }).RATE_LIMITS.enabled).toBe(false);
    expect(parseServerEnv({ ...base, RATE_LIMITS: '{"scale":3,"exempt":["127.0.0.1"]}', TRUST_PROXY: "true" })).toMatchObject({
      RATE_LIMITS: { enabled: true, scale: 3, exempt: ["127.0.0.1"] },
      TRUST_PROXY: true,
    });
  });

  it("names the variable when a value is malformed", () => {
    for (const [name, value] of [
      ["RATE_LIMITS", "{scale: 3}"],
      ["RATE_LIMITS", '{"scale":-1}'],
      ["RATE_LIMITS", '{"limit":5}'],
      ["TRUST_PROXY", "yes"],
    ]) {
      expect(() => parseServerEnv({ ...base, [name as string]: value }), `${name}=${value}`).toThrow(
        expect.objectContaining({ problems: [expect.stringMatching(new RegExp(`^${name} must be`))] }),
      );
    }
  });
});

describe("the 429 response", () => {
  it("says when to try again, in the header and in words", async () => {
    const response = rateLimitedResponse(42);
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("42");
    expect(await response.json()).toEqual({ error: { code: "rate_limited", message: "Too many attempts. Try again in 42 seconds." } });
  });

  it("says 'second' for one second, as the domain error does (one wording for every 429)", async () => {
    expect((await rateLimitedResponse(1).json()).error.message).toBe("Too many attempts. Try again in 1 second.");
    // The join route's knock limit throws the domain error; it used to say "1 seconds".
    expect((await errorResponse(new RateLimited(1)).json()).error.message).toBe("Too many attempts. Try again in 1 second.");
  });

  it("adds the fields next-auth's client reads, keeping the same error", async () => {
    const response = rateLimitedResponse(7, { url: "https://parley.test/sign-in?error=RateLimited" });
    expect(response.headers.get("retry-after")).toBe("7");
    expect(await response.json()).toEqual({
      url: "https://parley.test/sign-in?error=RateLimited",
      error: { code: "rate_limited", message: "Too many attempts. Try again in 7 seconds." },
    });
  });
});
