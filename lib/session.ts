import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { authOptions } from "@/lib/auth";
import { db } from "@/lib/db";
import { DatabaseUnavailable, NotSignedIn } from "@/lib/meetings/errors";

export interface CurrentUser {
  id: string;
  name: string | null;
  email: string | null;
}

/**
 * The signed-in user for this request, or null. Server components and route handlers.
 *
 * The session is a JWT, so on its own it would outlive a deleted user. This also reads the
 * user's row (one primary-key lookup, deduplicated per request by React's `cache`), so a
 * deleted user is signed out at once and a renamed one shows the new name.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(authOptions());
  // The session row could not be checked (database down): neither signed in nor out.
  if (session?.unverified) throw new DatabaseUnavailable();
  const id = session?.user?.id;
  if (!id) return null;
  return db().user.findUnique({ where: { id }, select: { id: true, name: true, email: true } });
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
