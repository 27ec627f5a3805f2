import { z } from "zod";

/**
 * Server configuration, validated once. Every variable the app needs is declared here
 * (and documented in the README's configuration table); nothing else reads process.env.
 *
 * Validation is lazy so that `next build` can import route modules without a full
 * environment, but instrumentation.ts calls `serverEnv()` when the server boots, so a
 * missing or malformed variable stops `next start` at once with the variable's name.
 */

/** An optional variable: unset and empty (`OIDC_ISSUER=` in a .env file) both mean "not configured". */
function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === "" ? undefined : value), schema.optional());
}

/**
 * RATE_LIMITS (docs/decisions/008-rate-limits.md): unset or "on" = the built-in limits;
 * "off" = no limits (load tests); or JSON `{"scale": 5, "exempt": ["203.0.113.7"]}` to
 * multiply every limit and never limit the listed client addresses.
 */
const rateLimitSettings = z.strictObject({
  enabled: z.boolean().default(true),
  scale: z.number().positive().max(1_000_000).default(1),
  exempt: z.array(z.string().min(1)).default([]),
});
export type RateLimitSettings = z.infer<typeof rateLimitSettings>;

const rateLimitsSchema = z
  .string()
  .optional()
  .transform((raw, ctx): RateLimitSettings => {
    if (raw === undefined || raw === "" || raw === "on") return rateLimitSettings.parse({});
    if (raw === "off") return rateLimitSettings.parse({ enabled: false });
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      json = undefined;
    }
    const parsed = rateLimitSettings.safeParse(json);
    if (parsed.success) return parsed.data;
    // One top-level issue, so the error names RATE_LIMITS rather than a nested path.
    ctx.addIssue({ code: "custom", message: 'must be "on", "off" or JSON like {"scale": 2, "exempt": ["203.0.113.7"]}' });
    return z.NEVER;
  });

const serverEnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection URL"),
    /** Public base URL of the app, used in invite links and auth callbacks. */
    APP_URL: z.url().default("http://localhost:3000"),
    /** Signs session cookies and JWTs. */
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 32)"),
    /** WebSocket URL browsers use to reach LiveKit (ws:// or wss://). */
    LIVEKIT_URL: z.string().regex(/^wss?:\/\//, "must start with ws:// or wss://"),
    /** HTTP URL the server uses for LiveKit's server API; defaults to LIVEKIT_URL over http(s). */
    LIVEKIT_API_URL: z.url().optional(),
    LIVEKIT_API_KEY: z.string().min(3),
    LIVEKIT_API_SECRET: z.string().min(32, "must be at least 32 characters"),
    /**
     * Single sign-on with an OpenID Connect provider (docs/decisions/006-authentication.md).
     * OIDC_ISSUER switches it on; the client id and secret are then required.
     */
    OIDC_ISSUER: optional(z.url({ protocol: /^https?$/, error: "must be an http(s):// issuer URL" })),
    OIDC_CLIENT_ID: optional(z.string()),
    OIDC_CLIENT_SECRET: optional(z.string()),
    /** Label of the sign-in button ("Sign in with <OIDC_NAME>"). */
    OIDC_NAME: optional(z.string().max(64, "must be at most 64 characters")).transform((v) => v ?? "Single sign-on"),
    /** Magic-link sign-in by email is offered only when SMTP_URL is set. */
    SMTP_URL: optional(z.string().regex(/^smtps?:\/\/[^\s]+$/, "must be an smtp:// or smtps:// URL")),
    /** Sender of sign-in emails. */
    EMAIL_FROM: optional(z.string().min(3)).transform((v) => v ?? "Parley <no-reply@localhost>"),
    /**
     * "true" when the app sits behind a reverse proxy that appends the client's address to
     * X-Forwarded-For; rate limits then count that address instead of the proxy's.
     */
    TRUST_PROXY: optional(z.enum(["true", "false"], { error: 'must be "true" or "false"' })).transform((v) => v === "true"),
    RATE_LIMITS: rateLimitsSchema,
  })
  .superRefine((env, ctx) => {
    // An optional group: SSO is off without OIDC_ISSUER, and half-configured SSO stops the app.
    if (!env.OIDC_ISSUER) return;
    for (const name of ["OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const) {
      if (!env[name]) ctx.addIssue({ code: "custom", path: [name], message: "is required when OIDC_ISSUER is set" });
    }
  });

export type ServerEnv = z.infer<typeof serverEnvSchema> & { LIVEKIT_API_URL: string };

export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "InvalidEnvironmentError";
  }
}

/** Parses an environment; exported for tests, the app uses `serverEnv()`. */
export function parseServerEnv(source: Record<string, string | undefined>): ServerEnv {
  const result = serverEnvSchema.safeParse(source);
  if (!result.success) {
    throw new InvalidEnvironmentError(
      result.error.issues.map((issue) => {
        const name = issue.path.join(".");
        const missing = issue.code !== "custom" && (source[name] === undefined || source[name] === "");
        return missing ? `${name} is required but not set` : `${name} ${issue.message}`;
      }),
    );
  }
  const env = result.data;
  return {
    ...env,
    LIVEKIT_API_URL: env.LIVEKIT_API_URL ?? env.LIVEKIT_URL.replace(/^ws/, "http"),
  };
}

let cached: ServerEnv | undefined;

export function serverEnv(): ServerEnv {
  cached ??= parseServerEnv(process.env);
  return cached;
}
