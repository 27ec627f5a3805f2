import { batchedLookup } from "@/lib/db";
import type { Meeting, Role } from "@/lib/generated/prisma/client";
import { MeetingNotFound, NotHost, NotInMeeting, NotModerator, NotSignedIn } from "@/lib/meetings/errors";
import { findMember, identityFor } from "@/lib/meetings/members";
import { isModerator } from "@/lib/meetings/roles";
import type { CurrentUser } from "@/lib/session";

/** Who is acting on a meeting, as the database knows them. */
export interface MeetingActor {
  identity: string;
  role: Role;
}

/**
 * Whoever calls a meeting route, as the meeting sees them: a member with a role, or someone
 * with none (signed in or not). The one input of every authorization check below.
 */
export type Actor = MeetingActor | { role: null; signedIn: boolean; removed?: boolean };

/**
 * Resolves the actor of a meeting route: the host (by session), or an admitted, not removed
 * member (by session or member cookie). Roles come from the database, never from the client
 * or from LiveKit metadata.
 */
export async function resolveActor(
  meeting: Pick<Meeting, "id" | "hostId">,
  user: CurrentUser | null,
  memberCookie: string | undefined,
): Promise<Actor> {
  if (user && user.id === meeting.hostId) return { identity: identityFor(user, ""), role: "HOST" };
  const member = await findMember(meeting.id, user, memberCookie);
  if (!member) return { role: null, signedIn: user !== null };
  if (member.removedAt) return { role: null, signedIn: user !== null, removed: true };
  return { identity: member.identity, role: member.role };
}

/** Anonymous actors get 401 (sign in or join first); known actors without the role, 403. */
function refuse(actor: Actor, error: Error): never {
  if (actor.role === null && !actor.signedIn) throw new NotSignedIn("Please sign in or join the meeting first.");
  throw error;
}

/** Anyone admitted to the meeting (viewers included); others get 401 or 403. */
export function assertMember(actor: Actor): MeetingActor {
  if (actor.role === null) refuse(actor, new NotInMeeting());
  return actor;
}

export function assertModerator(actor: Actor): MeetingActor {
  if (actor.role === null || !isModerator(actor.role)) refuse(actor, new NotModerator());
  return actor;
}

/** Host-only actions; `message` says what only the host may do. */
export function assertHost(actor: Actor, message?: string): MeetingActor {
  if (actor.role !== "HOST") refuse(actor, new NotHost(message));
  return actor;
}

/**
 * The same check for pages and routes that know the signed-in user but no meeting actor
 * (the host's meeting page): anonymous → 401, anyone but the host → 403.
 */
export function assertHostedBy(meeting: Pick<Meeting, "hostId">, user: CurrentUser | null, message?: string): CurrentUser {
  if (!user) throw new NotSignedIn();
  if (user.id !== meeting.hostId) throw new NotHost(message);
  return user;
}

const meetingsById = batchedLookup<Meeting>(`SELECT * FROM "Meeting" WHERE "id" = ANY($1::text[])`, (meeting) => meeting.id);

/** The meeting, or MeetingNotFound. SQL rather than Prisma: every meeting route reads it first (lib/db.ts, batchedLookup). */
export async function findMeeting(meetingId: string): Promise<Meeting> {
  const meeting = await meetingsById(meetingId);
  if (!meeting) throw new MeetingNotFound();
  return meeting;
}
