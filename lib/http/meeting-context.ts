import { cookies } from "next/headers";
import { serverEnv } from "@/lib/env";
import type { Meeting } from "@/lib/generated/prisma/client";
import { findMeeting, resolveActor, type Actor } from "@/lib/meetings/actors";
import { MeetingNotFound, NotSignedIn, RemovedFromMeeting } from "@/lib/meetings/errors";
import type { KnockCredential } from "@/lib/meetings/lobby";
import { knockCookieName, memberCookieName, type MemberCredential } from "@/lib/meetings/members";
import { getCurrentUser, type CurrentUser } from "@/lib/session";
import { meetingIdSchema } from "@/lib/validations/meeting";

export interface MeetingContext {
  meeting: Meeting;
  /** The signed-in user, if any. */
  user: CurrentUser | null;
  /** Who they are in this meeting (session or member cookie), from the database. */
  actor: Actor;
}

/**
 * What every meeting route needs first, the one way they authorize: the signed-in user if
 * any, the meeting, and the actor (their role in the meeting, by session or member cookie)
 * for a named assertion (`assertHost`, `assertModerator`) in the domain. Who learns that a
 * meeting exists (docs/decisions/010-membership-lobby-moderation.md): someone with neither a
 * session nor a member cookie gets 401 whatever the id; someone with no role in this meeting
 * gets the same 404 as for an id that does not exist; only members hear 403 for a power they
 * lack, and someone the host removed hears that they were removed (403).
 */
export async function loadMeetingContext(rawMeetingId: string): Promise<MeetingContext> {
  const wellFormed = meetingIdSchema.safeParse(rawMeetingId).success;
  const user = await getCurrentUser();
  const memberCookie = wellFormed ? await readMemberCookie(rawMeetingId) : undefined;
  if (!user && !memberCookie) throw new NotSignedIn("Please sign in or join the meeting first.");
  if (!wellFormed) throw new MeetingNotFound();
  const meeting = await findMeeting(rawMeetingId);
  const actor = await resolveActor(meeting, user, memberCookie);
  // Someone removed by the host already knows the meeting exists: tell them why, not 404.
  if (actor.role === null) throw actor.removed ? new RemovedFromMeeting() : new MeetingNotFound();
  return { meeting, user, actor };
}

export async function readMemberCookie(meetingId: string): Promise<string | undefined> {
  return (await cookies()).get(memberCookieName(meetingId))?.value;
}

const cookieOptions = () => ({
  httpOnly: true,
  sameSite: "lax" as const,
  secure: serverEnv().APP_URL.startsWith("https://"),
  path: "/",
  maxAge: 24 * 60 * 60,
});

export async function setMemberCookie(credential: MemberCredential) {
  (await cookies()).set(memberCookieName(credential.meetingId), `${credential.memberId}.${credential.secret}`, cookieOptions());
}

export async function setKnockCookie(knock: KnockCredential) {
  (await cookies()).set(knockCookieName(knock.knockId), knock.secret, { ...cookieOptions(), maxAge: 2 * 60 * 60 });
}

export async function readKnockCookie(knockId: string): Promise<string | undefined> {
  return (await cookies()).get(knockCookieName(knockId))?.value;
}
