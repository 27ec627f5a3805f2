import { describe, expect, it } from "vitest";
import { inviteTokenFromPaste } from "@/lib/meetings/invite-link";
import { resolveSchedule } from "@/lib/meetings/schedule";
import { instantToWallClock, isTimeZone, wallClockToInstant } from "@/lib/meetings/schedule-time";
import { formatDuration, summarizeAttendance } from "@/lib/meetings/summary";

describe("wall-clock time in the host's zone", () => {
  it("names the instant of that time in that zone, winter and summer", () => {
    expect(wallClockToInstant("2026-12-01T09:30", "Europe/Berlin")?.toISOString()).toBe("2026-12-01T08:30:00.000Z");
    expect(wallClockToInstant("2026-07-01T09:30", "Europe/Berlin")?.toISOString()).toBe("2026-07-01T07:30:00.000Z");
    expect(wallClockToInstant("2026-12-01T09:30", "America/New_York")?.toISOString()).toBe("2026-12-01T14:30:00.000Z");
  });

  it("round-trips to the datetime-local value", () => {
    expect(instantToWallClock(new Date("2026-12-01T08:30:00Z"), "Europe/Berlin")).toBe("2026-12-01T09:30");
  });

  it("knows real zones only", () => {
    expect(isTimeZone("Asia/Kolkata")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
  });

  it("refuses a start time in the past", () => {
    const now = new Date("2026-12-01T12:00:00Z");
    expect(() => resolveSchedule({ startsAt: "2026-12-01T09:00", timeZone: "UTC", durationMinutes: 30 }, now)).toThrow(/in the past/);
    expect(resolveSchedule({ startsAt: "2026-12-01T13:00", timeZone: "UTC", durationMinutes: 30 }, now).startsAt.toISOString()).toBe(
      "2026-12-01T13:00:00.000Z",
    );
  });
});

describe("Join a meeting: the pasted link", () => {
  const token = "A".repeat(40) + "b_-";
  it("finds the token in a whole link, a path or alone", () => {
    expect(inviteTokenFromPaste(`https://meet.example.org/j/${token}`)).toBe(token);
    expect(inviteTokenFromPaste(`  http://localhost:3000/j/${token}/  `)).toBe(token);
    expect(inviteTokenFromPaste(`/j/${token}`)).toBe(token);
    expect(inviteTokenFromPaste(token)).toBe(token);
  });
  it("finds nothing in other text", () => {
    expect(inviteTokenFromPaste("https://meet.example.org/meetings")).toBeNull();
    expect(inviteTokenFromPaste(`https://x/j/${token}x`)).toBeNull();
    expect(inviteTokenFromPaste("hello")).toBeNull();
  });
});

describe("attendance summary", () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, minute));
  it("adds a person's stays, counts overlaps once, and ends open stays at the meeting's end", () => {
    const summary = summarizeAttendance(
      [
        { identity: "user_a", displayName: "Ada", role: "HOST", joinedAt: at(0), leftAt: at(10) },
        { identity: "user_a", displayName: "Ada", role: "HOST", joinedAt: at(5), leftAt: at(20) },
        { identity: "guest_b", displayName: "Gus", role: "PARTICIPANT", joinedAt: at(15), leftAt: null },
      ],
      at(30),
    );
    expect(summary).toEqual([
      expect.objectContaining({ identity: "user_a", seconds: 20 * 60, stays: 2 }),
      expect.objectContaining({ identity: "guest_b", seconds: 15 * 60, stays: 1 }),
    ]);
  });
  it("formats durations for people", () => {
    expect(formatDuration(45)).toBe("45 s");
    expect(formatDuration(12 * 60)).toBe("12 min");
    expect(formatDuration(65 * 60)).toBe("1 h 05 min");
  });
});
