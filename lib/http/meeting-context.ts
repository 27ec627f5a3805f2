import { cookies } from "next/headers";
import { serverEnv } from "@/lib/env";
import type { Meeting } from "@/lib/generated/prisma/client";
import { findMeeting, resolveActor, type Caller } from "@/lib/meetings/actors";
import { MeetingNotFound } from "@/lib/meetings/errors";
import type { KnockCredential } from "@/lib/meetings/lobby";
import { knockCookieName, memberCookieName, type MemberCredential } from "@/lib/meetings/members";
import { getCurrentUser, type CurrentUser } from "@/lib/session";
import { meetingIdSchema } from "@/lib/validations/meeting";

export interface MeetingContext {
  meeting: Meeting;
  caller: CurrentUser | null;
  /** The caller's role in this meeting, from the database; null when they have none. */
  actor: Caller;
}

/**
 * What every meeting route needs first: the meeting (404 for a malformed or unknown id),
 * the signed-in user if any, and the caller's role in the meeting (session or member cookie).
 */
export async function loadMeetingContext(rawMeetingId: string): Promise<MeetingContext> {
  if (!meetingIdSchema.safeParse(rawMeetingId).success) throw new MeetingNotFound();
  const meeting = await findMeeting(rawMeetingId);
  const caller = await getCurrentUser();
  const actor = await resolveActor(meeting, caller, await readMemberCookie(meeting.id));
  return { meeting, caller, actor };
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
