import { cookies } from "next/headers";
import { serverEnv } from "@/lib/env";
import type { Meeting } from "@/lib/generated/prisma/client";
import { findMeeting, resolveActor, type Actor } from "@/lib/meetings/actors";
import { MeetingNotFound } from "@/lib/meetings/errors";
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
 * What every meeting route needs first, the one way they authorize: the meeting (404 for a
 * malformed or unknown id), the signed-in user if any, and the actor (their role in the
 * meeting) for a named assertion (`assertHost`, `assertModerator`) in the domain.
 */
export async function loadMeetingContext(rawMeetingId: string): Promise<MeetingContext> {
  if (!meetingIdSchema.safeParse(rawMeetingId).success) throw new MeetingNotFound();
  const meeting = await findMeeting(rawMeetingId);
  const user = await getCurrentUser();
  const actor = await resolveActor(meeting, user, await readMemberCookie(meeting.id));
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
