import { randomUUID } from "node:crypto";
import { Client } from "./client";
import { postJson } from "./stack";

/**
 * Signing in over HTTP, the way a browser does it, for tests of routes that need a session,
 * through the suite's one cookie jar (client.ts); the returned `cookie` is a ready-to-send
 * Cookie header (next-auth's csrf, callback-url and session-token cookies).
 */

/** True when the jar holds a next-auth session cookie (plain, __Secure- or chunked). */
export function hasSessionCookie(cookie: string): boolean {
  return /(^|; )(__Secure-)?next-auth\.session-token(\.\d+)?=/.test(cookie);
}

/**
 * next-auth's credentials flow: GET /api/auth/csrf (sets the csrf cookie), then POST
 * /api/auth/callback/credentials with the token and that cookie. Returns the Cookie header
 * and the raw response (401 for wrong credentials, with no session cookie).
 */
export async function signInWithPassword(
  email: string,
  password: string,
  callbackUrl?: string,
  /** Sent with both requests, e.g. X-Forwarded-For to sign in from another address. */
  headers: Record<string, string> = {},
): Promise<{ cookie: string; response: Response; body: { url?: string } }> {
  const browser = new Client("", headers);
  const { csrfToken } = (await (await browser.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await browser.send("/api/auth/callback/credentials", {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", ...(callbackUrl && { callbackUrl }) }),
  });
  const body = (await response
    .clone()
    .json()
    .catch(() => ({}))) as { url?: string };
  return { cookie: browser.cookie, response, body };
}

/**
 * Creates a fresh account through POST /api/sign-up and signs it in. Defaults give a unique
 * email per call, so tests never share users.
 */
export async function signUpAndSignIn(
  opts: { name?: string; email?: string; password?: string } = {},
): Promise<{ cookie: string; userId: string; email: string; password: string }> {
  const name = opts.name ?? "Test User";
  const email = (opts.email ?? `user-${randomUUID()}@example.test`).trim().toLowerCase();
  const password = opts.password ?? `pw-${randomUUID()}`;

  const signUp = await postJson("/api/sign-up", { name, email, password });
  if (signUp.status !== 201) throw new Error(`sign-up failed: ${signUp.status} ${await signUp.text()}`);
  const { id: userId } = (await signUp.json()) as { id: string };

  const { cookie, response } = await signInWithPassword(email, password);
  if (!response.ok || !hasSessionCookie(cookie)) {
    throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  }
  return { cookie, userId, email, password };
}
