import { z } from "zod";
import { displayNameSchema } from "@/lib/validations/room";

/** Password rules, shared by the sign-up form and route (docs/decisions/006-authentication.md). */
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/validations/password-rules";

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH };

/** Emails are compared lower-cased and trimmed, as next-auth's email provider does. */
export const emailSchema = z
  .string({ error: "Please enter your email address" })
  .trim()
  .toLowerCase()
  .min(1, "Please enter your email address")
  .max(254, "Email addresses can be at most 254 characters")
  .pipe(z.email("Please enter a valid email address"));

export const newPasswordSchema = z
  .string({ error: "Please choose a password" })
  .min(PASSWORD_MIN_LENGTH, `Passwords need at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `Passwords can be at most ${PASSWORD_MAX_LENGTH} characters`);

export const signUpSchema = z.object({ name: displayNameSchema, email: emailSchema, password: newPasswordSchema }).strict();
export type SignUpInput = z.infer<typeof signUpSchema>;

/**
 * What the credentials provider accepts. Deliberately looser than sign-up (any non-empty
 * password up to the maximum), so a wrong guess and a malformed one look the same.
 */
export const passwordSignInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});

/** Where a person lands after signing in when nothing else was asked for. */
export const DEFAULT_AFTER_SIGN_IN = "/meetings";

/**
 * A callback URL from a query string, reduced to a same-origin path ("/meetings?x=1#y"), or
 * the fallback. Absolute URLs to other origins, protocol-relative ("//evil.example") and
 * backslash tricks ("/\\evil.example") are refused, before and after normalisation, so
 * sign-in is never an open redirect (property-tested in lib/validations/auth.test.ts).
 */
export function safeCallbackPath(raw: unknown, fallback: string = DEFAULT_AFTER_SIGN_IN): string {
  if (typeof raw !== "string" || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) {
    return fallback;
  }
  if (/[\u0000-\u001f\u007f]/.test(raw)) return fallback;
  const base = "http://parley.invalid";
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can collapse into a leading "//" ("/x/..//evil.example", "/%2e%2e//evil"):
  // judge the normalised result again, not only the input.
  if (path.startsWith("//") || path.startsWith("/\\")) return fallback;
  return path;
}

/**
 * next-auth's `redirect` callback: relative paths and absolute URLs on our own origin are
 * allowed (next-auth hands us both), anything else goes to the default page.
 */
export function sameOriginRedirect(url: string, baseUrl: string): string {
  const origin = new URL(baseUrl).origin;
  if (url.startsWith("/")) return `${origin}${safeCallbackPath(url)}`;
  try {
    const target = new URL(url);
    if (target.origin === origin) return `${origin}${safeCallbackPath(`${target.pathname}${target.search}${target.hash}`)}`;
  } catch {
    // not a URL: fall through
  }
  return `${origin}${DEFAULT_AFTER_SIGN_IN}`;
}
