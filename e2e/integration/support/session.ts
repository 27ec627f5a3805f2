import { randomUUID } from "node:crypto";
import { api, postJson } from "./stack";

/**
 * Signing in over HTTP, the way a browser does it, for tests of routes that need a session.
 * Cookies are kept in a small jar keyed by name; the returned `cookie` is a ready-to-send
 * Cookie header (next-auth's csrf, callback-url and session-token cookies).
 */
type Jar = Map<string, string>;

function keep(jar: Jar, response: Response): void {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const at = pair?.indexOf("=") ?? -1;
    if (!pair || at < 1) continue;
    const name = pair.slice(0, at).trim();
    const value = pair.slice(at + 1).trim();
    if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) jar.delete(name);
    else jar.set(name, value);
  }
}

function header(jar: Jar): string {
  return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
}

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
): Promise<{ cookie: string; response: Response; body: { url?: string } }> {
  const jar: Jar = new Map();
  const csrf = await api("/api/auth/csrf");
  keep(jar, csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await api("/api/auth/callback/credentials", {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: header(jar) },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", ...(callbackUrl && { callbackUrl }) }),
  });
  keep(jar, response);
  const body = (await response
    .clone()
    .json()
    .catch(() => ({}))) as { url?: string };
  return { cookie: header(jar), response, body };
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
