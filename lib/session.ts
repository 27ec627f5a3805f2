import { getToken } from "next-auth/jwt";
import { cookies } from "next/headers";
import type { NextRequest } from "next/server";
import { redirect } from "next/navigation";
import { cache } from "react";
import { activeSessionUser } from "@/lib/auth-sessions";
import { serverEnv } from "@/lib/env";
import { DatabaseUnavailable, NotSignedIn } from "@/lib/meetings/errors";

/** next-auth's JWT session cookie: plain or __Secure-, whole or chunked (.0, .1, …). */
const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

export interface CurrentUser {
  id: string;
  name: string | null;
  email: string | null;
}

/**
 * The signed-in user for this request, or null. Server components and route handlers.
 *
 * The session is a JWT, so on its own it would outlive signing out or a deleted user. This
 * also reads its server-side session row with the user joined in (lib/auth-sessions.ts; one
 * statement, deduplicated per request by React's `cache`), so an ended session or a deleted
 * user is signed out at once and a renamed one shows the new name.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const sent = (await cookies()).getAll();
  // No session cookie, no session: most guest joins stop here.
  if (!sent.some((cookie) => SESSION_COOKIE.test(cookie.name))) return null;
  // next-auth's own reader of its cookie (chunks, the __Secure- name, decryption, expiry),
  // from cookies only, as getServerSession reads it. Not getServerSession itself: in a page or
  // route handler it runs next-auth's whole session endpoint and encrypts a refreshed token
  // it then cannot set (two key derivations and an encryption per request, about a sixth of
  // the host's token route), and its `jwt` callback reads the session row apart from the user.
  const env = serverEnv();
  const token = await getToken({
    // getToken reads `req.cookies` (name → value) and, for a bearer token, `req.headers`: given
    // none, only the cookie counts, as for getServerSession. Its type asks for a whole request.
    req: { cookies: Object.fromEntries(sent.map((cookie) => [cookie.name, cookie.value])), headers: {} } as unknown as NextRequest,
    secret: env.AUTH_SECRET,
    secureCookie: env.APP_URL.startsWith("https://"),
  });
  if (!token) return null;
  try {
    return await activeSessionUser(token.sid, token.sub);
  } catch (error) {
    // The session row could not be checked (database down): neither signed in nor out.
    console.error("[auth] could not check the session:", error);
    throw new DatabaseUnavailable();
  }
});

/** For pages: the user, or redirect to /sign-in?callbackUrl=<callbackPath>. */
export async function requireUser(callbackPath: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(callbackPath)}`);
  return user;
}

/** For route handlers: the user, or NotSignedIn (401 with `message`, mapped by handleRoute). */
export async function requireApiUser(message?: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new NotSignedIn(message);
  return user;
}
