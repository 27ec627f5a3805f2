/**
 * Every rate limit in one place: which routes are limited, per what, and how much. The
 * numbers are argued for in docs/decisions/008-rate-limits.md.
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
