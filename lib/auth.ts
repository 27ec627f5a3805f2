import { PrismaAdapter } from "@auth/prisma-adapter";
import type { AuthOptions } from "next-auth";
import type { Adapter, AdapterAccount } from "next-auth/adapters";
import CredentialsProvider from "next-auth/providers/credentials";
import EmailProvider from "next-auth/providers/email";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { endSession, isSessionActive, SESSION_MAX_AGE_SECONDS, startSession } from "@/lib/auth-sessions";
import { db } from "@/lib/db";
import { serverEnv, type ServerEnv } from "@/lib/env";
import { authenticateWithPassword, type PasswordAccountStore } from "@/lib/passwords";
import { nextAuthAction, normalizeEmailIdentifier, readNextAuthBody } from "@/lib/auth-request";
import { rateLimitRefusal } from "@/lib/http/rate-limited";
import type { PolicyName } from "@/lib/rate-limit";
import { emailSchema, passwordSignInSchema, sameOriginRedirect } from "@/lib/validations/auth";
import { visibleNameOrNull } from "@/lib/validations/room";

/**
 * The one place Parley's sign-in is configured (next-auth v4). Three ways in:
 * email + password (credentials), an organisation's OpenID Connect provider (OIDC_*), and a
 * magic link by email (SMTP_URL). Sessions are JWTs in an httpOnly cookie: the credentials
 * provider requires them, and they keep the app stateless. The Prisma adapter stores OIDC
 * accounts, users created by SSO or magic link, and verification tokens.
 * See docs/decisions/006-authentication.md.
 */

declare module "next-auth" {
  interface Session {
    user: { id: string; name?: string | null; email?: string | null; image?: string | null };
    /** Set when the database could not be asked whether this session still exists. */
    unverified?: true;
  }
}

/** The id of the SSO provider; its callback is `${APP_URL}/api/auth/callback/oidc`. */
export const OIDC_PROVIDER_ID = "oidc";

/** Password accounts in PostgreSQL, for lib/passwords.ts. */
export function passwordAccounts(): PasswordAccountStore {
  return {
    findByEmail: (email) => db().user.findUnique({ where: { email }, select: { id: true, name: true, email: true, passwordHash: true } }),
    async create(data) {
      try {
        return await db().user.create({ data, select: { id: true, name: true, email: true } });
      } catch (error) {
        if ((error as { code?: unknown }).code === "P2002") return null; // unique violation: email taken
        throw error;
      }
    },
  };
}

interface OidcProfile {
  sub: string;
  name?: string;
  preferred_username?: string;
  email?: string;
  picture?: string;
}

function oidcProvider(env: ServerEnv): OAuthConfig<OidcProfile> | null {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return null;
  const issuer = env.OIDC_ISSUER.replace(/\/+$/, "");
  return {
    id: OIDC_PROVIDER_ID,
    name: env.OIDC_NAME,
    type: "oauth",
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    checks: ["pkce", "state"],
    // Validate the ID token (signature, issuer, audience, expiry)...
    idToken: true,
    userinfo: {
      // ...but read the profile from the UserInfo endpoint too: conforming providers put the
      // email/profile claims there, not in the ID token, when an access token is issued.
      // openid-client checks that UserInfo's `sub` matches the ID token's.
      async request({ tokens, client }) {
        // At run time `tokens` is openid-client's TokenSet (typed loosely by next-auth).
        const tokenSet = tokens as unknown as Parameters<typeof client.userinfo>[0] & { claims(): object };
        return { ...tokenSet.claims(), ...(await client.userinfo(tokenSet)) } as OidcProfile;
      },
    },
    profile(profile) {
      return {
        id: profile.sub,
        // A provider's name cannot be refused, only cleaned of what could impersonate.
        name: visibleNameOrNull(profile.name ?? profile.preferred_username),
        email: profile.email?.toLowerCase() ?? null,
        image: profile.picture ?? null,
      };
    },
  };
}

// Columns of the Account table. Some providers return extra token fields
// (e.g. Keycloak's refresh_expires_in) that Prisma would reject.
const ACCOUNT_COLUMNS = [
  "userId",
  "type",
  "provider",
  "providerAccountId",
  "refresh_token",
  "access_token",
  "expires_at",
  "token_type",
  "scope",
  "id_token",
  "session_state",
] as const;

function prismaAdapter(): Adapter {
  // @auth/prisma-adapter 2.x is typed for @auth/core and @prisma/client; at run time it works
  // with next-auth v4 and our generated client (docs/decisions/006-authentication.md).
  const base = PrismaAdapter(db() as unknown as Parameters<typeof PrismaAdapter>[0]) as unknown as Adapter;
  return {
    ...base,
    linkAccount: (account: AdapterAccount) => {
      const row = Object.fromEntries(ACCOUNT_COLUMNS.filter((k) => account[k] !== undefined).map((k) => [k, account[k]]));
      return base.linkAccount!(row as AdapterAccount);
    },
  };
}

const SESSION_ENDED = "This session was ended (signed out on the server).";

function buildAuthOptions(env: ServerEnv): AuthOptions {
  const oidc = oidcProvider(env);
  return {
    secret: env.AUTH_SECRET,
    adapter: prismaAdapter(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    useSecureCookies: env.APP_URL.startsWith("https://"),
    pages: { signIn: "/sign-in", error: "/sign-in", verifyRequest: "/check-email" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          const input = passwordSignInSchema.safeParse(credentials);
          if (!input.success) return null;
          return authenticateWithPassword(passwordAccounts(), input.data.email, input.data.password);
        },
      }),
      ...(oidc ? [oidc] : []),
      ...(env.SMTP_URL
        ? [
            EmailProvider({
              server: env.SMTP_URL,
              from: env.EMAIL_FROM,
              maxAge: 15 * 60,
              // The same function the rate limiter uses to know whose inbox a request targets.
              normalizeIdentifier(identifier) {
                const email = normalizeEmailIdentifier(identifier);
                if (!email) throw new Error("Invalid email address format.");
                return email;
              },
            }),
          ]
        : []),
    ],
    callbacks: {
      // Every sign-in (any provider) records a server-side session; every read of the
      // session checks it still exists, so signing out ends it everywhere the cookie was
      // copied to (lib/auth-sessions.ts). Throwing here makes next-auth clear the cookie
      // and treat the request as signed out.
      async jwt({ token, user }) {
        if (user) return { ...token, sid: await startSession(user.id) };
        const active = await isSessionActive(token.sid, token.sub).catch((error: unknown) => {
          // The database is down: no reason to sign anyone out. getCurrentUser answers 503.
          console.error("[auth] could not check the session:", error);
          return "unknown" as const;
        });
        if (active === false) throw new Error(SESSION_ENDED);
        const { unverified: _, ...checked } = token;
        return active === "unknown" ? { ...checked, unverified: true } : checked;
      },
      // The user id travels in the token's `sub` (set by next-auth at sign-in) and the session.
      session({ session, token }) {
        if (token.sub) session.user = { ...session.user, id: token.sub };
        if (token.unverified) session.unverified = true;
        return session;
      },
      redirect: ({ url, baseUrl }) => sameOriginRedirect(url, baseUrl),
    },
    events: {
      // Signing out on this device ends this session on the server too.
      signOut: ({ token }) => endSession(token?.sid),
    },
    logger: {
      // An ended session is an expected outcome (signed out elsewhere), not an error.
      error(code, metadata) {
        if (code === "JWT_SESSION_ERROR" && (metadata as { message?: string } | undefined)?.message === SESSION_ENDED) return;
        console.error(`[next-auth][error][${code}]`, metadata);
      },
      warn: (code) => console.warn(`[next-auth][warn][${code}]`),
      debug: () => undefined,
    },
  };
}

let cached: AuthOptions | undefined;

/**
 * Built on first use, not at import, so `next build` can load route modules without a full
 * environment (like lib/db.ts).
 */
export function authOptions(): AuthOptions {
  if (!cached) {
    const env = serverEnv();
    // next-auth v4 takes its own origin (for callback and magic-link URLs) only from
    // NEXTAUTH_URL; without it, it would trust the request's Host header.
    process.env.NEXTAUTH_URL ??= env.APP_URL;
    cached = buildAuthOptions(env);
  }
  return cached;
}

/** Which sign-in methods this deployment offers, for the sign-in page. */
export function signInMethods(): { oidcName: string | null; magicLink: boolean } {
  const env = serverEnv();
  return { oidcName: oidcProvider(env) ? env.OIDC_NAME : null, magicLink: Boolean(env.SMTP_URL) };
}

/**
 * The next-auth endpoints that try a password or send an email, the limit of each, and the
 * email each one acts on, read from next-auth's own body exactly as the provider reads it
 * (lib/auth-request.ts): the credentials provider's authorize() parses `email` with
 * `emailSchema`, the email provider normalises it with `normalizeEmailIdentifier`.
 */
const SIGN_IN_ATTEMPTS: Record<string, { policy: PolicyName; subject: (body: Record<string, unknown> | undefined) => string | undefined }> =
  {
    "callback/credentials": {
      policy: "signIn",
      subject: (body) => {
        const email = emailSchema.safeParse(body?.email);
        return email.success ? email.data : undefined;
      },
    },
    "signin/email": { policy: "magicLink", subject: (body) => normalizeEmailIdentifier(body?.email) ?? undefined },
  };

/**
 * Counts a sign-in attempt before next-auth handles it (docs/decisions/008-rate-limits.md):
 * authorize() can only say yes or no, not answer 429 with Retry-After, so the route checks
 * first. Counted per email and client address, and per address. The action and the email
 * are derived as next-auth derives them (only the first two path segments, its body parser,
 * the last of repeated form fields), so no suffix, encoding or decoy field skips a count.
 * Returns the 429 to send, or null. The 429 carries next-auth's `url` with
 * `error=RateLimited`, so `signIn()` of next-auth/react reports
 * `{ ok: false, status: 429, error: "RateLimited" }` instead of throwing.
 */
export async function limitSignInAttempt(request: Request, segments: string[]): Promise<Response | null> {
  const { action, providerId } = nextAuthAction(segments);
  const attempt = SIGN_IN_ATTEMPTS[`${action}/${providerId}`];
  if (!attempt || request.method !== "POST") return null;
  const subject = attempt.subject(await readNextAuthBody(request));
  return rateLimitRefusal(request, attempt.policy, {
    subject,
    extraBody: () => {
      const url = new URL("/sign-in", serverEnv().APP_URL);
      url.searchParams.set("error", "RateLimited");
      return { url: url.toString() };
    },
  });
}
