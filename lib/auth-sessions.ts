import { randomBytes } from "node:crypto";
import { batchedLookup, db } from "@/lib/db";

/**
 * Server-side session records behind next-auth's JWT sessions (docs/decisions/006, issue 8).
 *
 * A JWT on its own stays valid until it expires: a copied cookie would outlive signing out.
 * So each sign-in creates a row in the `Session` table (next-auth's own table, which the
 * JWT strategy leaves unused), the token carries its id (`sid`), and every session read
 * (next-auth's `jwt` callback, which getServerSession and /api/auth/session both run) checks
 * the row still exists. Signing out deletes the row; "sign out of all devices" deletes
 * every row of the user.
 */

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** Records a new session for `userId` and returns its id, to be kept in the token. */
export async function startSession(userId: string, now = new Date()): Promise<string> {
  const sid = randomBytes(32).toString("base64url");
  await db().session.create({
    data: { sessionToken: sid, userId, expires: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000) },
  });
  // Rows of this user's sessions that expired on their own are no longer anyone's.
  await db().session.deleteMany({ where: { userId, expires: { lt: now } } });
  return sid;
}

// SQL rather than Prisma's findUnique: every signed-in request reads it (lib/db.ts, batchedLookup).
const sessionsByToken = batchedLookup<{
  sessionToken: string;
  userId: string;
  expires: Date;
  id: string;
  name: string | null;
  email: string | null;
}>(
  `SELECT s."sessionToken", s."userId", s."expires", u."id", u."name", u."email"
   FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."sessionToken" = ANY($1::text[])`,
  (row) => row.sessionToken,
);

/**
 * The user of a session that exists, belongs to `userId` and has not expired; otherwise null.
 * One statement (the user is joined in): a deleted user has no sessions left (they cascade),
 * and a renamed one comes back with the new name.
 */
export async function activeSessionUser(
  sid: unknown,
  userId: unknown,
): Promise<{ id: string; name: string | null; email: string | null } | null> {
  if (typeof sid !== "string" || typeof userId !== "string") return null;
  const row = await sessionsByToken(sid);
  return row !== undefined && row.userId === userId && row.expires > new Date() ? { id: row.id, name: row.name, email: row.email } : null;
}

/** True while the session exists, belongs to `userId` and has not expired. */
export async function isSessionActive(sid: unknown, userId: unknown): Promise<boolean> {
  return (await activeSessionUser(sid, userId)) !== null;
}

/** Ends one session (signing out on this device). */
export async function endSession(sid: unknown): Promise<void> {
  if (typeof sid === "string") await db().session.deleteMany({ where: { sessionToken: sid } });
}

/** Ends every session of a user ("sign out of all devices"); answers how many there were. */
export async function endAllSessions(userId: string): Promise<number> {
  const { count } = await db().session.deleteMany({ where: { userId } });
  return count;
}
