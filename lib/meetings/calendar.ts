import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import { DateTime } from "luxon";
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from "ical-generator";

/**
 * The iCalendar (RFC 5545) form of a scheduled meeting, built with ical-generator; the
 * VTIMEZONE comes from @touch4it/ical-timezones, so DTSTART/DTEND carry the host's TZID and
 * any calendar can place them. Pure: the unit tests parse the output with ical.js.
 *
 * One event per meeting, forever: the UID is derived from the meeting id, and SEQUENCE is
 * the meeting's calendarSequence, raised on every reschedule and on cancelling, so a
 * calendar that holds the event replaces it (RFC 5546 §2.1.4).
 */
export interface CalendarMeeting {
  id: string;
  title: string;
  description: string | null;
  startsAt: Date;
  durationMinutes: number;
  timeZone: string;
  calendarSequence: number;
  cancelled: boolean;
  /** The link people join with. */
  joinUrl: string;
  organizer: { name: string; email: string };
}

/** REQUEST and CANCEL go by email (iTIP); PUBLISH is the plain download. */
export type CalendarMethod = "REQUEST" | "CANCEL" | "PUBLISH";

const methods: Record<CalendarMethod, ICalCalendarMethod> = {
  REQUEST: ICalCalendarMethod.REQUEST,
  CANCEL: ICalCalendarMethod.CANCEL,
  PUBLISH: ICalCalendarMethod.PUBLISH,
};

export function calendarUid(meetingId: string, appUrl: string): string {
  return `${meetingId}@${new URL(appUrl).hostname}`;
}

export function meetingCalendar(
  meeting: CalendarMeeting,
  options: { method: CalendarMethod; uid: string; attendee?: string; now?: Date },
): string {
  const calendar = ical({
    prodId: { company: "Parley", product: "Parley meetings", language: "EN" },
    method: methods[options.method],
    timezone: { name: meeting.timeZone, generator: getVtimezoneComponent },
  });
  // Luxon values, not plain Dates: with a plain Date, ical-generator writes the server
  // process's wall clock under the host's TZID (caught by calendar.test.ts in summer time).
  const start = DateTime.fromJSDate(meeting.startsAt, { zone: meeting.timeZone });
  const end = start.plus({ minutes: meeting.durationMinutes });
  const cancelled = meeting.cancelled || options.method === "CANCEL";
  calendar.createEvent({
    id: options.uid,
    sequence: meeting.calendarSequence,
    stamp: options.now ?? new Date(),
    start,
    end,
    timezone: meeting.timeZone,
    summary: meeting.title,
    description: [meeting.description, `Join: ${meeting.joinUrl}`].filter(Boolean).join("\n\n"),
    location: meeting.joinUrl,
    url: meeting.joinUrl,
    organizer: meeting.organizer,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    attendees: options.attendee
      ? [{ email: options.attendee, role: ICalAttendeeRole.REQ, status: ICalAttendeeStatus.NEEDSACTION, rsvp: true }]
      : [],
  });
  return calendar.toString();
}
