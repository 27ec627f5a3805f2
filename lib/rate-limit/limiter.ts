import { createHash } from "node:crypto";
import type { RateLimitSettings } from "@/lib/env";
import { normalizeAddress } from "@/lib/rate-limit/address";
import { RATE_LIMIT_POLICIES, type PolicyName, type RateLimitRule } from "@/lib/rate-limit/policies";
import type { RateLimitStore } from "@/lib/rate-limit/store";
import { decide, scaledLimit, windowPosition, type Decision } from "@/lib/rate-limit/window";

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
