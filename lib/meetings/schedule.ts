import { db } from "@/lib/db";
import type { Meeting } from "@/lib/generated/prisma/client";
import { assertHost, type Actor } from "@/lib/meetings/actors";
import { MeetingNotUpcoming, ScheduleInPast } from "@/lib/meetings/errors";
import { notifyInvitees, type InvitationResult } from "@/lib/meetings/invitations";
import { wallClockToInstant } from "@/lib/meetings/schedule-time";
import type { ScheduleInput } from "@/lib/validations/schedule";

/** How far in the past a start time may lie (a host filling the form for "now"). */
const PAST_TOLERANCE_MS = 10 * 60_000;

export interface ResolvedSchedule {
  startsAt: Date;
  timeZone: string;
  durationMinutes: number;
  description?: string | null;
}

/** The instant the host meant, checked: a start time well in the past is refused. */
export function resolveSchedule(input: ScheduleInput, now = new Date()): ResolvedSchedule {
  const startsAt = wallClockToInstant(input.startsAt, input.timeZone);
  if (!startsAt) throw new ScheduleInPast("That date and time does not exist. Check the start time.");
  if (startsAt.getTime() < now.getTime() - PAST_TOLERANCE_MS) throw new ScheduleInPast();
  return {
    startsAt,
    timeZone: input.timeZone,
    durationMinutes: input.durationMinutes,
    ...(input.description !== undefined && { description: input.description }),
  };
}

/** Only a meeting that has not started can be moved or called off. */
function assertUpcoming(meeting: Pick<Meeting, "status">) {
  if (meeting.status !== "SCHEDULED") throw new MeetingNotUpcoming();
}

/**
 * Sets or changes the time (host only). Every change raises the iCalendar SEQUENCE, and
 * everyone invited by email gets the update (same UID, higher SEQUENCE).
 */
export async function rescheduleMeeting(
  meeting: Meeting,
  actor: Actor,
  input: ScheduleInput,
): Promise<{ meeting: Meeting; notified: InvitationResult[] }> {
  assertHost(actor);
  assertUpcoming(meeting);
  const schedule = resolveSchedule(input);
  // Conditional on the status, so a meeting that started meanwhile is not moved.
  const { count } = await db().meeting.updateMany({
    where: { id: meeting.id, status: "SCHEDULED" },
    data: { ...schedule, calendarSequence: { increment: 1 } },
  });
  if (count === 0) throw new MeetingNotUpcoming();
  const updated = await db().meeting.findUniqueOrThrow({ where: { id: meeting.id } });
  return { meeting: updated, notified: await notifyInvitees(updated, "REQUEST") };
}

/**
 * Calls the meeting off (host only, before it starts). Its links then say so and every
 * token route answers 410; everyone invited by email gets a METHOD:CANCEL.
 */
export async function cancelMeeting(meeting: Meeting, actor: Actor): Promise<{ meeting: Meeting; notified: InvitationResult[] }> {
  assertHost(actor);
  assertUpcoming(meeting);
  const { count } = await db().meeting.updateMany({
    where: { id: meeting.id, status: "SCHEDULED" },
    data: { status: "CANCELLED", cancelledAt: new Date(), calendarSequence: { increment: 1 } },
  });
  if (count === 0) throw new MeetingNotUpcoming();
  const updated = await db().meeting.findUniqueOrThrow({ where: { id: meeting.id } });
  return { meeting: updated, notified: await notifyInvitees(updated, "CANCEL") };
}
