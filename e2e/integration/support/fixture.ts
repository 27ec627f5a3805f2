import { randomBytes, randomUUID } from "node:crypto";
import type { Role } from "@/lib/generated/prisma/client";
import { generateInviteToken, sealInviteToken } from "@/lib/meetings/invite-token";
import { memberCookieName, newSecret } from "@/lib/meetings/members";
import { testDb } from "./db";
import { signUpAndSignIn } from "./session";

/**
 * A live meeting with one member of every role, written straight to the database (fast, and
 * no rate limit is spent building it), plus the Cookie header each actor sends.
 */
export const ACTORS = [
  "anonymous",
  "stranger",
  "guest with invite",
  "participant",
  "viewer",
  "co-host",
  "host",
  "host of another meeting",
] as const;
export type Actor = (typeof ACTORS)[number];

export interface Accounts {
  host: { userId: string; cookie: string };
  stranger: { userId: string; cookie: string };
  otherHost: { userId: string; cookie: string };
}

export async function createAccounts(): Promise<Accounts> {
  const [host, stranger, otherHost] = await Promise.all([
    signUpAndSignIn({ name: "Matrix Host" }),
    signUpAndSignIn({ name: "Matrix Stranger" }),
    signUpAndSignIn({ name: "Other Host" }),
  ]);
  return { host, stranger, otherHost };
}

export interface MeetingFixture {
  meetingId: string;
  roomName: string;
  inviteToken: string;
  viewerInviteId: string;
  knockId: string;
  /** Identities a moderator can act on. */
  targetParticipant: string;
  targetViewer: string;
  cookies: Record<Actor, string>;
}

export async function createMeetingFixture(accounts: Accounts): Promise<MeetingFixture> {
  const secret = process.env.AUTH_SECRET!;
  const meeting = await testDb.meeting.create({
    data: {
      title: "Matrix meeting",
      hostId: accounts.host.userId,
      roomName: `m_${randomBytes(16).toString("hex")}`,
      status: "LIVE",
      startedAt: new Date(),
      // Scheduled too, so its calendar file and email invitations exist.
      startsAt: new Date(Date.now() + 60_000),
      timeZone: "Europe/Berlin",
      durationMinutes: 30,
    },
  });
  await testDb.meeting.create({
    data: { title: "Someone else's", hostId: accounts.otherHost.userId, roomName: `m_${randomBytes(16).toString("hex")}` },
  });

  const invite = async (role: Role) => {
    const token = generateInviteToken();
    const row = await testDb.invite.create({
      data: {
        meetingId: meeting.id,
        role,
        tokenHash: token.hash,
        tokenSealed: sealInviteToken(token.raw, secret),
        createdById: accounts.host.userId,
      },
    });
    return { ...row, raw: token.raw };
  };
  const participantInvite = await invite("PARTICIPANT");
  const viewerInvite = await invite("VIEWER");

  const member = async (role: Role, name: string) => {
    const { secret: memberSecret, hash } = newSecret();
    const row = await testDb.meetingMember.create({
      data: { meetingId: meeting.id, identity: `guest_${randomUUID()}`, displayName: name, role, secretHash: hash },
    });
    return { identity: row.identity, cookie: `${memberCookieName(meeting.id)}=${row.id}.${memberSecret}` };
  };
  const participant = await member("PARTICIPANT", "Pat");
  const viewer = await member("VIEWER", "Vic");
  const cohost = await member("COHOST", "Cory");
  const targetParticipant = await member("PARTICIPANT", "Target Tina");
  const targetViewer = await member("VIEWER", "Target Theo");

  // The knocker is not one of the actors: none of them holds its secret.
  const knockSecret = newSecret();
  const knock = await testDb.lobbyRequest.create({
    data: {
      meetingId: meeting.id,
      inviteId: participantInvite.id,
      identity: `guest_${randomUUID()}`,
      displayName: "Knocker",
      role: "PARTICIPANT",
      secretHash: knockSecret.hash,
    },
  });

  return {
    meetingId: meeting.id,
    roomName: meeting.roomName,
    inviteToken: participantInvite.raw,
    viewerInviteId: viewerInvite.id,
    knockId: knock.id,
    targetParticipant: targetParticipant.identity,
    targetViewer: targetViewer.identity,
    cookies: {
      anonymous: "",
      stranger: accounts.stranger.cookie,
      "guest with invite": "",
      participant: participant.cookie,
      viewer: viewer.cookie,
      "co-host": cohost.cookie,
      host: accounts.host.cookie,
      "host of another meeting": accounts.otherHost.cookie,
    },
  };
}

/**
 * Everything a refused request must leave untouched. Scoped to the fixture's meeting plus
 * global counts only this test suite changes: LiveKit's own webhooks about earlier tests'
 * rooms keep arriving asynchronously, so a global count of webhook events would flake.
 */
export async function databaseState(meetingId: string) {
  const [meeting, users, meetings] = await Promise.all([
    testDb.meeting.findUniqueOrThrow({
      where: { id: meetingId },
      include: {
        invites: { orderBy: { id: "asc" } },
        members: { orderBy: { id: "asc" } },
        lobbyRequests: { orderBy: { id: "asc" } },
        participations: { orderBy: { id: "asc" } },
        chatMessages: { orderBy: { id: "asc" } },
        invitations: { orderBy: { id: "asc" } },
      },
    }),
    testDb.user.count(),
    testDb.meeting.count(),
  ]);
  return { meeting, users, meetings };
}
