import { describe, expect, it } from "vitest";
import { readCalendar } from "@/e2e/support/icalendar";
import { calendarUid, meetingCalendar, type CalendarMeeting } from "@/lib/meetings/calendar";

const meeting: CalendarMeeting = {
  id: "cmeeting00000000000000001",
  title: "Quarterly planning",
  description: "Numbers first; then questions.",
  // 09:30 in Berlin on 1 December 2026 (CET, UTC+1).
  startsAt: new Date("2026-12-01T08:30:00Z"),
  durationMinutes: 45,
  timeZone: "Europe/Berlin",
  calendarSequence: 0,
  cancelled: false,
  joinUrl: "https://meet.example.org/j/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
  organizer: { name: "Hana Host", email: "hana@example.org" },
};
const uid = calendarUid(meeting.id, "https://meet.example.org");

describe("meeting calendar (RFC 5545, read back with ical.js)", () => {
  it("a request carries the UID, the times in the host's zone with its VTIMEZONE, SEQUENCE, ORGANIZER, the link and the attendee", () => {
    const read = readCalendar(meetingCalendar(meeting, { method: "REQUEST", uid, attendee: "gus@example.org" }));
    expect(read).toMatchObject({
      method: "REQUEST",
      uid: "cmeeting00000000000000001@meet.example.org",
      sequence: 0,
      summary: "Quarterly planning",
      status: "CONFIRMED",
      url: meeting.joinUrl,
      organizer: "hana@example.org",
      startTzid: "Europe/Berlin",
      timeZones: ["Europe/Berlin"],
      attendees: ["gus@example.org"],
    });
    expect(read.start.toISOString()).toBe("2026-12-01T08:30:00.000Z");
    expect(read.end.toISOString()).toBe("2026-12-01T09:15:00.000Z");
  });

  it("an update keeps the UID and carries the higher SEQUENCE and the new time", () => {
    const moved = { ...meeting, startsAt: new Date("2026-12-02T13:00:00Z"), calendarSequence: 1 };
    const read = readCalendar(meetingCalendar(moved, { method: "REQUEST", uid, attendee: "gus@example.org" }));
    expect(read.uid).toBe(uid);
    expect(read.sequence).toBe(1);
    expect(read.start.toISOString()).toBe("2026-12-02T13:00:00.000Z");
  });

  it("a cancellation is METHOD:CANCEL with STATUS:CANCELLED, same UID", () => {
    const read = readCalendar(meetingCalendar({ ...meeting, calendarSequence: 2, cancelled: true }, { method: "CANCEL", uid }));
    expect(read).toMatchObject({ method: "CANCEL", status: "CANCELLED", uid, sequence: 2 });
  });

  it("summer time in the host's zone lands on the right instant", () => {
    const summer = { ...meeting, startsAt: new Date("2026-07-01T07:30:00Z") };
    const read = readCalendar(meetingCalendar(summer, { method: "PUBLISH", uid }));
    expect(read.method).toBe("PUBLISH");
    expect(read.start.toISOString()).toBe("2026-07-01T07:30:00.000Z");
  });
});
