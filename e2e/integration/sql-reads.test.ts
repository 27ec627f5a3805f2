import { randomBytes } from "node:crypto";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { activeSessionUser } from "@/lib/auth-sessions";
import { generateInviteToken, hashInviteToken } from "@/lib/meetings/invite-token";
import { findMeeting } from "@/lib/meetings/actors";
import { describeInvite } from "@/lib/meetings/join";
import { testDb } from "./support/db";

/**
 * The statements on the join path that bypass Prisma (lib/db.ts, sql) read Prisma's DateTime
 * columns, kept in UTC without a time zone. pg's own reading takes such a value as the
 * server's local time: on a server whose clock is not set to UTC, a session would then end
 * hours early or outlive its expiry by hours. These run the app's own code in this process,
 * under other time zones (Node applies a changed TZ at once), against the test database.
 */
const originalTimeZone = process.env.TZ;
afterEach(() => {
  // Assigning undefined to process.env would set the zone "undefined".
  if (originalTimeZone === undefined) delete process.env.TZ;
  else process.env.TZ = originalTimeZone;
});
afterAll(async () => {
  await testDb.$disconnect();
});

async function sessionExpiringIn(milliseconds: number) {
  const user = await testDb.user.create({ data: { name: "Clock Test", email: `clock-${randomBytes(6).toString("hex")}@example.test` } });
  const sid = randomBytes(32).toString("base64url");
  await testDb.session.create({ data: { sessionToken: sid, userId: user.id, expires: new Date(Date.now() + milliseconds) } });
  return { sid, user };
}

/** An invite link to a new meeting, expiring `milliseconds` from now. */
async function inviteExpiringIn(milliseconds: number) {
  const { user } = await sessionExpiringIn(HOUR);
  const meeting = await testDb.meeting.create({
    data: { title: "Clock test", hostId: user.id, roomName: `clock-${randomBytes(8).toString("hex")}` },
  });
  const { raw, hash } = generateInviteToken();
  await testDb.invite.create({
    data: {
      meetingId: meeting.id,
      tokenHash: hash,
      tokenSealed: "unused",
      createdById: user.id,
      expiresAt: new Date(Date.now() + milliseconds),
    },
  });
  return raw;
}

const HOUR = 60 * 60 * 1000;

describe.each(["Asia/Kolkata", "America/Los_Angeles"])("on a server in %s", (timeZone) => {
  it("a session with an hour left is signed in, and one that expired an hour ago is not", async () => {
    const live = await sessionExpiringIn(HOUR);
    const expired = await sessionExpiringIn(-HOUR);
    process.env.TZ = timeZone;
    expect(new Date(2026, 0, 1).getTimezoneOffset()).not.toBe(0);

    expect(await activeSessionUser(live.sid, live.user.id)).toEqual({ id: live.user.id, name: "Clock Test", email: live.user.email });
    expect(await activeSessionUser(expired.sid, expired.user.id)).toBeNull();
  });

  it("an invite link with an hour left opens, and one that expired an hour ago does not", async () => {
    const live = await inviteExpiringIn(HOUR);
    const expired = await inviteExpiringIn(-HOUR);
    process.env.TZ = timeZone;

    expect(await describeInvite(live)).toMatchObject({ title: "Clock test", hostName: "Clock Test" });
    await expect(describeInvite(expired)).rejects.toThrow(/expired/i);
  });
});

describe("lookups asked for at once (lib/db.ts, batchedLookup: read together in one statement)", () => {
  it("answer each caller with its own session, invite and meeting, and nothing for one that does not exist", async () => {
    const sessions = await Promise.all(Array.from({ length: 6 }, () => sessionExpiringIn(HOUR)));
    const invites = await Promise.all(Array.from({ length: 4 }, () => inviteExpiringIn(HOUR)));
    const meetings = await testDb.meeting.findMany({ take: 5, orderBy: { createdAt: "desc" } });

    const [users, descriptions, found, unknownSession, unknownInvite, unknownMeeting] = await Promise.all([
      Promise.all(sessions.map(({ sid, user }) => activeSessionUser(sid, user.id))),
      Promise.all(invites.map((raw) => describeInvite(raw))),
      Promise.all(meetings.map((meeting) => findMeeting(meeting.id))),
      activeSessionUser(randomBytes(32).toString("base64url"), sessions[0]!.user.id),
      describeInvite(generateInviteToken().raw).catch((error: Error) => error.message),
      findMeeting("no-such-meeting").catch((error: Error) => error.message),
    ]);

    expect(users).toEqual(sessions.map(({ user }) => ({ id: user.id, name: "Clock Test", email: user.email })));
    const inviteRows = await Promise.all(
      invites.map((raw) => testDb.invite.findUniqueOrThrow({ where: { tokenHash: hashInviteToken(raw) } })),
    );
    expect(descriptions.map((d) => d.meetingId)).toEqual(inviteRows.map((invite) => invite.meetingId));
    expect(found.map((meeting) => meeting.id)).toEqual(meetings.map((meeting) => meeting.id));
    expect(unknownSession).toBeNull();
    expect(unknownInvite).toBe("This invite link is not valid.");
    expect(unknownMeeting).toBe("This meeting does not exist, or you are not part of it.");
  });
});
