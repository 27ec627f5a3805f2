/**
 * Rate limits on the routes an attacker would hammer: sign-in, sign-up, magic links, join
 * tokens, knocking and invite lookups (docs/decisions/008-rate-limits.md, 020).
 *
 * Counters live in PostgreSQL (RateLimitBucket), never in process memory, so every app
 * instance behind a load balancer sees the same counts. Each rule is a sliding-window
 * counter: the current fixed window's count plus the previous window's count weighted by
 * how much of it still overlaps the sliding window. That is two integers per key instead of
 * a log of timestamps, and it avoids the double burst a plain fixed window allows at its
 * boundary. Refused attempts are counted too: someone who keeps hammering stays refused,
 * someone who waits the announced Retry-After gets in.
 *
 * The parts: policies.ts (every number), window.ts (the sliding-window maths, pure),
 * address.ts (which address a request counts against), store.ts (the PostgreSQL counters),
 * limiter.ts (rules × store × clock). This file is what the app calls. It answers a
 * decision, never an HTTP response: routes throw RateLimited (enforceRateLimit), and
 * lib/http/handle.ts turns it into the one 429 every route answers.
 */
import { serverEnv } from "@/lib/env";
import { RateLimited } from "@/lib/meetings/errors";
import { clientAddress } from "@/lib/rate-limit/address";
import { createRateLimiter } from "@/lib/rate-limit/limiter";
import type { PolicyName } from "@/lib/rate-limit/policies";
import { postgresRateLimitStore } from "@/lib/rate-limit/store";
import type { Decision } from "@/lib/rate-limit/window";

export { clientAddress, normalizeAddress } from "@/lib/rate-limit/address";
export { bucketKey, createRateLimiter, type RateLimiterOptions } from "@/lib/rate-limit/limiter";
export { RATE_LIMIT_POLICIES, type PolicyName, type RateLimitRule } from "@/lib/rate-limit/policies";
export { countsOfBatch, planBatch, postgresRateLimitStore, type BucketHit, type RateLimitStore } from "@/lib/rate-limit/store";
export { decide, scaledLimit, windowPosition, type Decision, type WindowPosition } from "@/lib/rate-limit/window";

let limiter: ReturnType<typeof createRateLimiter> | undefined;

function defaultLimiter() {
  limiter ??= createRateLimiter({ store: postgresRateLimitStore(), settings: serverEnv().RATE_LIMITS });
  return limiter;
}

/**
 * Counts an attempt by `address` (and `subject`: an email, an invite token, when the policy
 * counts per it) and decides it. Rejects when the counters cannot be reached (the database is
 * down: the work itself would need it too).
 */
export function checkRateLimit(policy: PolicyName, address: string, subject?: string): Promise<Decision> {
  return defaultLimiter().check(policy, address, subject);
}

/** checkRateLimit for the request's client address. */
export function checkRequest(request: Request, policy: PolicyName, subject?: string): Promise<Decision> {
  return checkRateLimit(policy, clientAddress(request.headers), subject);
}

/** For route handlers (inside handleRoute): throws RateLimited when the request is over a limit. */
export async function enforceRateLimit(request: Request, policy: PolicyName, subject?: string): Promise<void> {
  const decision = await checkRequest(request, policy, subject);
  if (!decision.allowed) throw new RateLimited(decision.retryAfterSeconds);
}
