import { createHash } from "node:crypto";
import { isIPv4, isIPv6 } from "node:net";
import { db } from "@/lib/db";
import { serverEnv, type RateLimitSettings } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import { errorResponse } from "@/lib/http/handle";
import { apiError } from "@/lib/http/responses";

/**
 * Rate limits on the routes an attacker would hammer: sign-in, sign-up, magic links, join
 * tokens, knocking and invite lookups (docs/decisions/008-rate-limits.md).
 *
 * Counters live in PostgreSQL (RateLimitBucket), never in process memory, so every app
 * instance behind a load balancer sees the same counts. Each rule is a sliding-window
 * counter: the current fixed window's count plus the previous window's count weighted by
 * how much of it still overlaps the sliding window. That is two integers per key instead of
 * a log of timestamps, and it avoids the double burst a plain fixed window allows at its
 * boundary. Refused attempts are counted too: someone who keeps hammering stays refused,
 * someone who waits the announced Retry-After gets in.
 */

/** Who a rule counts: the client's address, the subject (an email, an invite), or the pair. */
type Per = "address" | "subject" | "address+subject";

export interface RateLimitRule {
  per: Per;
  limit: number;
  windowSeconds: number;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;

/** Every limit in one place. The numbers are argued for in docs/decisions/008-rate-limits.md. */
export const RATE_LIMIT_POLICIES = {
  /** Password checks: per account and address (guessing one password), and per address (spraying many accounts). */
  signIn: [
    { per: "address+subject", limit: 10, windowSeconds: 15 * MINUTE },
    { per: "address", limit: 100, windowSeconds: 15 * MINUTE },
  ],
  /** Sign-in emails: each one lands in someone's inbox. */
  magicLink: [
    { per: "address+subject", limit: 5, windowSeconds: 15 * MINUTE },
    { per: "address", limit: 30, windowSeconds: HOUR },
  ],
  /** New accounts: each costs an argon2 hash and a row. */
  signUp: [{ per: "address", limit: 10, windowSeconds: HOUR }],
  /** LiveKit tokens through an invite: per address, and per invite (a leaked link). */
  joinToken: [
    { per: "address", limit: 120, windowSeconds: MINUTE },
    { per: "subject", limit: 600, windowSeconds: MINUTE },
  ],
  /** Lobby knocks. */
  knock: [{ per: "address", limit: 30, windowSeconds: MINUTE }],
  /** Invite pages (/j/<token>): each is a database lookup. */
  inviteLookup: [{ per: "address", limit: 120, windowSeconds: MINUTE }],
  /** "Invite by email" (up to 20 addresses a request): per host, and per address. */
  emailInvitations: [
    { per: "subject", limit: 10, windowSeconds: HOUR },
    { per: "address", limit: 30, windowSeconds: HOUR },
  ],
  /** Chat messages, per sender in a meeting: a burst of conversation, never a flood. */
  chatMessage: [{ per: "subject", limit: 20, windowSeconds: 30 }],
} as const satisfies Record<string, readonly RateLimitRule[]>;

export type PolicyName = keyof typeof RATE_LIMIT_POLICIES;

// ---------------------------------------------------------------------------------------
// Window math (pure; unit-tested with an injected clock in lib/rate-limit.test.ts)
// ---------------------------------------------------------------------------------------

export interface WindowPosition {
  /** Start of the fixed window `now` falls in (ms since the epoch). */
  windowStart: number;
  /** Start of the window before it. */
  previousStart: number;
  /** When a window's row is no longer needed: once it cannot be anyone's previous window. */
  expiresAt: number;
}

export function windowPosition(nowMs: number, windowSeconds: number): WindowPosition {
  const windowMs = windowSeconds * 1000;
  const windowStart = Math.floor(nowMs / windowMs) * windowMs;
  return { windowStart, previousStart: windowStart - windowMs, expiresAt: windowStart + 2 * windowMs };
}

export interface Decision {
  allowed: boolean;
  /** Whole seconds until an attempt would be allowed again (0 when allowed). */
  retryAfterSeconds: number;
}

/**
 * Decides one attempt. `current` is the current window's count INCLUDING this attempt,
 * `previous` the previous window's count. The sliding estimate is
 * previous × (share of the previous window still inside the sliding window) + current.
 */
export function decide(input: { nowMs: number; limit: number; windowSeconds: number; current: number; previous: number }): Decision {
  const { nowMs, limit, windowSeconds, current, previous } = input;
  const windowMs = windowSeconds * 1000;
  const { windowStart } = windowPosition(nowMs, windowSeconds);
  const elapsed = nowMs - windowStart;
  const estimate = (previous * (windowMs - elapsed)) / windowMs + current;
  if (estimate <= limit) return { allowed: true, retryAfterSeconds: 0 };

  // When would one more attempt fit, if nobody tries meanwhile? Still in this window, once
  // enough of the previous window has slid out: previous × (windowMs − e) / windowMs + current + 1 ≤ limit.
  let waitMs: number;
  const room = limit - current - 1;
  if (room >= 0 && previous > 0) {
    const neededElapsed = windowMs - (room * windowMs) / previous;
    waitMs = Math.max(0, neededElapsed - elapsed);
  } else {
    // Otherwise in the next window, where this window becomes the weighted previous one:
    // current × (windowMs − e) / windowMs + 1 ≤ limit.
    const intoNext = current > 0 ? Math.max(0, windowMs - ((limit - 1) * windowMs) / current) : 0;
    waitMs = windowMs - elapsed + intoNext;
  }
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}

/** The limit after RATE_LIMITS' `scale`; never below 1. */
export function scaledLimit(limit: number, scale: number): number {
  return Math.max(1, Math.floor(limit * scale));
}

// ---------------------------------------------------------------------------------------
// Client addresses
// ---------------------------------------------------------------------------------------

/**
 * The address a request counts against. Route handlers get no socket address in Next.js;
 * Next's server puts the peer's address in X-Forwarded-For when the request has none, and
 * proxy.ts deletes any client-sent X-Forwarded-For unless TRUST_PROXY=true, so the header
 * reaching a handler holds either the TCP peer (no proxy) or the chain a trusted reverse
 * proxy appended to. In both cases the LAST entry is the one nobody but us and our proxy
 * wrote; earlier entries are whatever the client claimed.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for") ?? "";
  const last = forwarded
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .at(-1);
  return normalizeAddress(last ?? "unknown");
}

/**
 * One spelling per client: IPv4-mapped IPv6 as IPv4, ports dropped, and IPv6 reduced to its
 * /64 prefix, since one subscriber usually holds a whole /64 and could rotate through it.
 */
export function normalizeAddress(raw: string): string {
  let address = raw.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed?.[1]) address = bracketed[1];
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  address = address.replace(/%.*$/, ""); // IPv6 zone index
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (isIPv4(address)) return address;
  if (isIPv6(address)) return `${expandIPv6(address).slice(0, 4).join(":")}::/64`;
  return address;
}

function expandIPv6(address: string): string[] {
  const [head = "", tail] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  // An embedded IPv4 tail (::ffff:1.2.3.4 in other spellings) counts as two groups.
  const width = (groups: string[]) => groups.reduce((n, group) => n + (group.includes(".") ? 2 : 1), 0);
  const groups = [...left, ...Array(Math.max(0, 8 - width(left) - width(right))).fill("0"), ...right];
  return groups.map((group) => (group.includes(".") ? group : parseInt(group, 16).toString(16)));
}

// ---------------------------------------------------------------------------------------
// The limiter
// ---------------------------------------------------------------------------------------

export interface BucketHit {
  key: string;
  windowStart: number;
  previousStart: number;
  expiresAt: number;
}

/** Counts one attempt on each bucket and returns each bucket's current and previous counts. */
export interface RateLimitStore {
  hit(buckets: BucketHit[]): Promise<Map<string, { current: number; previous: number }>>;
  deleteExpired(nowMs: number): Promise<void>;
}

/** The bucket key of one rule: policy, rule, and a hash of who is counted (no raw emails or addresses in the table). */
export function bucketKey(policy: PolicyName, rule: RateLimitRule, address: string, subject: string | undefined): string {
  const who = rule.per === "address" ? [address] : rule.per === "subject" ? [subject ?? ""] : [address, subject ?? ""];
  const digest = createHash("sha256").update(JSON.stringify(who)).digest("base64url").slice(0, 32);
  return `${policy}:${rule.per}:${rule.windowSeconds}:${digest}`;
}

export interface RateLimiterOptions {
  store: RateLimitStore;
  settings: RateLimitSettings;
  now?: () => number;
  /** Chance per check of deleting expired rows (opportunistic cleanup). */
  cleanupProbability?: number;
  random?: () => number;
}

export function createRateLimiter(options: RateLimiterOptions) {
  const { store, settings, now = Date.now, cleanupProbability = 0.01, random = Math.random } = options;
  const exempt = new Set(settings.exempt.map(normalizeAddress));

  return {
    /** Counts an attempt by `address` (and `subject`) against every rule of `policy`. */
    async check(policy: PolicyName, address: string, subject?: string): Promise<Decision> {
      if (!settings.enabled || exempt.has(normalizeAddress(address))) return { allowed: true, retryAfterSeconds: 0 };
      const rules: readonly RateLimitRule[] = RATE_LIMIT_POLICIES[policy].filter(
        // A subject rule without a subject (e.g. no email in the form) counts the address alone.
        (rule) => rule.per === "address" || subject !== undefined,
      );
      const nowMs = now();
      const hits = rules.map((rule) => ({
        rule,
        key: bucketKey(policy, rule, normalizeAddress(address), subject),
        ...windowPosition(nowMs, rule.windowSeconds),
      }));
      const counts = await store.hit(hits);
      if (random() < cleanupProbability) {
        store.deleteExpired(nowMs).catch((error: unknown) => console.error("[rate-limit] cleanup failed:", error));
      }
      let refused: Decision = { allowed: true, retryAfterSeconds: 0 };
      for (const { rule, key } of hits) {
        const count = counts.get(key) ?? { current: 1, previous: 0 };
        const decision = decide({ nowMs, limit: scaledLimit(rule.limit, settings.scale), windowSeconds: rule.windowSeconds, ...count });
        if (!decision.allowed && decision.retryAfterSeconds > refused.retryAfterSeconds) refused = decision;
      }
      return refused;
    },
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The PostgreSQL store: one statement counts every bucket of a check and reads their previous windows. */
export function postgresRateLimitStore(): RateLimitStore {
  return {
    async hit(buckets) {
      if (buckets.length === 0) return new Map();
      // Prisma keeps DateTime columns as UTC `timestamp(3)`; an ISO string cast to
      // timestamp(3) drops its "Z" and stays in UTC, whatever the session's time zone.
      const rows = Prisma.join(
        buckets.map(
          (b) =>
            Prisma.sql`(${b.key}, ${iso(b.windowStart)}::timestamp(3), ${iso(b.expiresAt)}::timestamp(3), ${iso(b.previousStart)}::timestamp(3))`,
        ),
      );
      // INSERT … ON CONFLICT DO UPDATE is atomic per row: concurrent requests on any
      // instance each get their own count. The outer SELECT reads the previous windows from
      // the statement's snapshot; this statement never writes those rows.
      const result = await db().$queryRaw<{ key: string; current: number; previous: number }[]>`
        WITH input ("key", window_start, expires_at, previous_start) AS (VALUES ${rows}),
        counted AS (
          INSERT INTO "RateLimitBucket" AS b ("key", "windowStart", "count", "expiresAt")
          SELECT "key", window_start, 1, expires_at FROM input
          ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = b."count" + 1
          RETURNING b."key", b."count"
        )
        SELECT counted."key", counted."count" AS "current", COALESCE(prev."count", 0) AS "previous"
        FROM counted
        JOIN input ON input."key" = counted."key"
        LEFT JOIN "RateLimitBucket" prev ON prev."key" = input."key" AND prev."windowStart" = input.previous_start`;
      return new Map(result.map((row) => [row.key, { current: Number(row.current), previous: Number(row.previous) }]));
    },
    async deleteExpired(nowMs) {
      await db().$executeRaw`DELETE FROM "RateLimitBucket" WHERE "expiresAt" < ${iso(nowMs)}::timestamp(3)`;
    },
  };
}

let limiter: ReturnType<typeof createRateLimiter> | undefined;

function defaultLimiter() {
  limiter ??= createRateLimiter({ store: postgresRateLimitStore(), settings: serverEnv().RATE_LIMITS });
  return limiter;
}

/**
 * The 429 every limited route answers: Retry-After in seconds and a sentence a person can
 * act on. `extraBody` adds fields a client library expects (next-auth's `url`).
 */
export function rateLimitedResponse(retryAfterSeconds: number, extraBody?: Record<string, unknown>): Response {
  const message = `Too many attempts. Try again in ${retryAfterSeconds} ${retryAfterSeconds === 1 ? "second" : "seconds"}.`;
  const response = apiError(429, "rate_limited", message);
  response.headers.set("Retry-After", String(retryAfterSeconds));
  if (!extraBody) return response;
  return Response.json({ ...extraBody, error: { code: "rate_limited", message } }, { status: 429, headers: response.headers });
}

/**
 * Counts an attempt and answers what to send instead of doing the work: null when it is
 * allowed, the 429 when the caller is over a limit, or a 503 when the counters cannot be
 * reached (the work itself would need the same database).
 *
 * `key` is the client's address (`clientAddress(request.headers)`); `subject` is what the
 * policy also counts per (an email, an invite token), if it has such a rule.
 */
export async function enforceRateLimit(policy: PolicyName, key: string, subject?: string): Promise<Response | null> {
  try {
    const decision = await defaultLimiter().check(policy, key, subject);
    return decision.allowed ? null : rateLimitedResponse(decision.retryAfterSeconds);
  } catch (error) {
    return errorResponse(error);
  }
}

/** enforceRateLimit for the request's client address: the one call a route makes. */
export function limitRequest(request: Request, policy: PolicyName, subject?: string): Promise<Response | null> {
  return enforceRateLimit(policy, clientAddress(request.headers), subject);
}
