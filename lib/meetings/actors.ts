import { db } from "@/lib/db";
import type { Meeting, Role } from "@/lib/generated/prisma/client";
import { MeetingNotFound, NotHost, NotModerator, NotSignedIn } from "@/lib/meetings/errors";
import { findMember, identityFor } from "@/lib/meetings/members";
import type { CurrentUser } from "@/lib/session";

/** Who is acting on a meeting, as the database knows them. */
export interface MeetingActor {
  identity: string;
  role: Role;
}

/** The caller of a meeting route: a member with a role, or someone with none (signed in or not). */
export type Caller = MeetingActor | { role: null; signedIn: boolean };

/**
 * Resolves the caller of a meeting route: the host (by session), or an admitted, not
 * removed member (by session or member cookie). Roles come from the database, never from
 * the client or from LiveKit metadata.
 */
export async function resolveActor(
  meeting: Pick<Meeting, "id" | "hostId">,
  caller: CurrentUser | null,
  memberCookie: string | undefined,
): Promise<Caller> {
  if (caller && caller.id === meeting.hostId) return { identity: identityFor(caller, ""), role: "HOST" };
  const member = await findMember(meeting.id, caller, memberCookie);
  if (!member || member.removedAt) return { role: null, signedIn: caller !== null };
  return { identity: member.identity, role: member.role };
}

/** Anonymous callers get 401 (sign in or join first); known callers without the role, 403. */
function refuse(actor: Caller, message: string): never {
  if (actor.role === null && !actor.signedIn) throw new NotSignedIn("Please sign in or join the meeting first.");
  throw new NotModerator(message);
}

export function assertModerator(actor: Caller): MeetingActor {
  if (actor.role !== "HOST" && actor.role !== "COHOST") refuse(actor, "Only the host or a co-host can do this.");
  return actor;
}

export function assertHost(actor: Caller): MeetingActor {
  if (actor.role !== "HOST") refuse(actor, "Only the host can do this.");
  return actor;
}

/**
 * For host-only actions reached by session (end, the host's token): the host passes; a
 * member learns that only the host may (403); anyone else gets the 404 of a meeting that
 * does not exist, so strangers cannot tell which meeting ids are real
 * (docs/decisions/010-membership-lobby-moderation.md).
 */
export async function assertHostOf(meeting: Pick<Meeting, "id" | "hostId">, user: CurrentUser, message: string): Promise<void> {
  if (meeting.hostId === user.id) return;
  const member = await findMember(meeting.id, user, undefined);
  if (member && !member.removedAt) throw new NotHost(message);
  throw new MeetingNotFound();
}

export async function findMeeting(meetingId: string): Promise<Meeting> {
  const meeting = await db().meeting.findUnique({ where: { id: meetingId } });
  if (!meeting) throw new MeetingNotFound();
  return meeting;
}
