import { DateTime } from "luxon";
import { z } from "zod";
import { db } from "@/lib/db";
import { serverEnv } from "@/lib/env";
import type { Meeting } from "@/lib/generated/prisma/client";
import { describeMailError, mailTransport, senderAddress } from "@/lib/mail";
import { assertHost, type Actor } from "@/lib/meetings/actors";
import { calendarUid, meetingCalendar, type CalendarMeeting } from "@/lib/meetings/calendar";
import { assertMeetingOpen, EmailNotConfigured, MeetingNotScheduled } from "@/lib/meetings/errors";
import { unsealInviteToken } from "@/lib/meetings/invite-token";
import { inviteUrl } from "@/lib/meetings/links";

/**
 * "Invite by email" (docs/decisions/022): each address gets a mail with the link, the time,
 * and a METHOD:REQUEST calendar part that mail clients add to the calendar; a reschedule
 * sends REQUEST again with a higher SEQUENCE, cancelling sends METHOD:CANCEL. Each address
 * is sent on its own, so a bad one fails alone, and its outcome is kept per recipient.
 */
export interface InvitationResult {
  email: string;
  status: "SENT" | "FAILED";
  error: string | null;
}

type CalendarMail = "REQUEST" | "CANCEL";

const addressSchema = z.email();

export async function inviteByEmail(meeting: Meeting, actor: Actor, rawEmails: string[]): Promise<InvitationResult[]> {
  assertHost(actor);
  assertMeetingOpen(meeting);
  if (!meeting.startsAt) throw new MeetingNotScheduled();
  if (!mailTransport()) throw new EmailNotConfigured();
  const emails = [...new Set(rawEmails.map((e) => e.trim().toLowerCase()).filter(Boolean))];
  const content = await calendarMeetingOf(meeting);
  const results: InvitationResult[] = [];
  for (const email of emails) {
    results.push(
      addressSchema.safeParse(email).success
        ? await sendAndRecord(meeting, content, email, "REQUEST")
        : await record(meeting, { email, status: "FAILED", error: "This is not a valid email address." }, "REQUEST"),
    );
  }
  return results;
}

/**
 * After a reschedule or a cancellation: everyone whose invitation went out gets the new
 * version. Addresses that never received one are left alone (nothing to update).
 */
export async function notifyInvitees(meeting: Meeting, method: CalendarMail): Promise<InvitationResult[]> {
  const invited = await db().emailInvitation.findMany({
    where: { meetingId: meeting.id, status: "SENT" },
    orderBy: { createdAt: "asc" },
    take: 500,
  });
  if (invited.length === 0 || !meeting.startsAt) return [];
  if (!mailTransport()) return [];
  const content = await calendarMeetingOf(meeting);
  const results: InvitationResult[] = [];
  for (const { email } of invited) results.push(await sendAndRecord(meeting, content, email, method));
  return results;
}

/** Who was invited and how the last mail to them went (the host's meeting page). */
export async function listInvitations(meetingId: string) {
  return db().emailInvitation.findMany({
    where: { meetingId },
    orderBy: { createdAt: "asc" },
    select: { email: true, status: true, error: true, method: true, sequence: true, updatedAt: true },
    take: 500,
  });
}

async function sendAndRecord(meeting: Meeting, content: CalendarMeeting, email: string, method: CalendarMail): Promise<InvitationResult> {
  try {
    await sendInvitationMail(content, email, method);
    return record(meeting, { email, status: "SENT", error: null }, method);
  } catch (error) {
    return record(meeting, { email, status: "FAILED", error: describeMailError(error) }, method);
  }
}

async function record(meeting: Meeting, result: InvitationResult, method: CalendarMail): Promise<InvitationResult> {
  const data = { status: result.status, error: result.error, method, sequence: meeting.calendarSequence };
  await db().emailInvitation.upsert({
    where: { meetingId_email: { meetingId: meeting.id, email: result.email } },
    create: { meetingId: meeting.id, email: result.email, ...data },
    update: data,
  });
  return result;
}

async function sendInvitationMail(meeting: CalendarMeeting, email: string, method: CalendarMail): Promise<void> {
  const uid = calendarUid(meeting.id, serverEnv().APP_URL);
  const ics = meetingCalendar(meeting, { method, uid, attendee: email });
  const when = describeWhen(meeting);
  const cancelled = method === "CANCEL";
  const subject = `${cancelled ? "Cancelled" : meeting.calendarSequence > 0 ? "Updated invitation" : "Invitation"}: ${meeting.title}`;
  const text = cancelled
    ? [`${meeting.organizer.name} cancelled “${meeting.title}” (${when}).`, "The meeting link no longer works."]
    : [
        `${meeting.organizer.name} invites you to “${meeting.title}”.`,
        `When: ${when}`,
        ...(meeting.description ? ["", meeting.description] : []),
        "",
        `Join from your browser: ${meeting.joinUrl}`,
      ];
  await mailTransport()!.sendMail({
    to: email,
    subject,
    text: text.join("\n"),
    // nodemailer adds this as a text/calendar part with the method parameter, which is what
    // makes mail clients offer "add to calendar" (and apply updates and cancellations).
    icalEvent: { method, filename: cancelled ? "cancel.ics" : "invite.ics", content: ics },
  });
}

/** "Tuesday, 1 December 2026, 09:30–10:00 (Europe/Berlin)": in the host's zone, which the mail names. */
export function describeWhen(meeting: Pick<CalendarMeeting, "startsAt" | "durationMinutes" | "timeZone">): string {
  const start = DateTime.fromJSDate(meeting.startsAt, { zone: meeting.timeZone }).setLocale("en-GB");
  const end = start.plus({ minutes: meeting.durationMinutes });
  return `${start.toFormat("cccc, d LLLL yyyy, HH:mm")}–${end.toFormat("HH:mm")} (${meeting.timeZone})`;
}

/** What the calendar and the mail say about a meeting: its times, its organizer and its link. */
export async function calendarMeetingOf(meeting: Meeting): Promise<CalendarMeeting> {
  if (!meeting.startsAt) throw new MeetingNotScheduled();
  const host = await db().user.findUniqueOrThrow({ where: { id: meeting.hostId }, select: { name: true, email: true } });
  return {
    id: meeting.id,
    title: meeting.title,
    description: meeting.description,
    startsAt: meeting.startsAt,
    durationMinutes: meeting.durationMinutes ?? 60,
    timeZone: meeting.timeZone ?? "UTC",
    calendarSequence: meeting.calendarSequence,
    cancelled: meeting.status === "CANCELLED",
    joinUrl: (await participantLink(meeting.id)) ?? new URL("/", serverEnv().APP_URL).toString(),
    organizer: { name: host.name ?? host.email ?? "Parley", email: host.email ?? senderAddress() },
  };
}

/** The meeting's first participant link (the one created with it), if it still works. */
async function participantLink(meetingId: string): Promise<string | null> {
  const invite = await db().invite.findFirst({
    where: { meetingId, role: "PARTICIPANT", revokedAt: null },
    orderBy: { createdAt: "asc" },
  });
  if (!invite) return null;
  const raw = unsealInviteToken(invite.tokenSealed, invite.tokenHash, serverEnv().AUTH_SECRET);
  return raw ? inviteUrl(raw) : null;
}

/** The .ics download of a scheduled meeting (PUBLISH; STATUS:CANCELLED once cancelled). */
export async function calendarFile(meeting: Meeting): Promise<Response> {
  const content = await calendarMeetingOf(meeting);
  const ics = meetingCalendar(content, { method: "PUBLISH", uid: calendarUid(meeting.id, serverEnv().APP_URL) });
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8; method=PUBLISH",
      "Content-Disposition": `attachment; filename="meeting-${meeting.id}.ics"`,
      "Cache-Control": "no-store",
    },
  });
}
