import { describe, expect, it } from "vitest";
import { InviteExpired, MeetingEnded } from "@/lib/meetings/errors";
import { assertInviteUsable, INVITE_USED_UP_MESSAGE } from "@/lib/meetings/invite-rules";

const now = new Date("2026-11-29T12:00:00Z");
const live = { meeting: { status: "LIVE" as const }, expiresAt: null, maxUses: null, uses: 0 };

describe("whether an invite still lets someone in", () => {
  it("accepts an open invite without limits, however often it was used", () => {
    expect(() => assertInviteUsable({ ...live, uses: 10_000 }, now)).not.toThrow();
  });

  it("refuses every invite of an ended meeting", () => {
    expect(() => assertInviteUsable({ ...live, meeting: { status: "ENDED" } }, now)).toThrow(MeetingEnded);
  });

  it("refuses an invite from the moment it expires, not after", () => {
    expect(() => assertInviteUsable({ ...live, expiresAt: new Date(now.getTime() + 1) }, now)).not.toThrow();
    expect(() => assertInviteUsable({ ...live, expiresAt: now }, now)).toThrow(InviteExpired);
  });

  it("refuses an invite whose uses are all taken, and says so", () => {
    expect(() => assertInviteUsable({ ...live, maxUses: 3, uses: 2 }, now)).not.toThrow();
    expect(() => assertInviteUsable({ ...live, maxUses: 3, uses: 3 }, now)).toThrow(INVITE_USED_UP_MESSAGE);
  });
});
