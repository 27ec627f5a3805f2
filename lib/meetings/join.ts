import { randomUUID } from "node:crypto";
import { batchedLookup } from "@/lib/db";
import type { Invite, Meeting, MeetingMember, Role } from "@/lib/generated/prisma/client";
import {
  assertMeetingOpen,
  InviteNotValid,
  MeetingFull,
  MeetingLocked,
  NameRequired,
  RemovedFromMeeting,
  SignInRequired,
} from "@/lib/meetings/errors";
import { assertHost, assertHostedBy, type Actor } from "@/lib/meetings/actors";
import { assertInviteUsable } from "@/lib/meetings/invite-rules";
import { hashInviteToken, isWellFormedInviteToken } from "@/lib/meetings/invite-token";
import { createKnock, type KnockCredential } from "@/lib/meetings/lobby";
import { issueGrant } from "@/lib/meetings/grant";
import { liveKitCall } from "@/lib/meetings/livekit-call";
import { admitMember, findMember, identityFor, type MemberCredential } from "@/lib/meetings/members";
import { bypassesLobbyAndLock, type JoinGrant } from "@/lib/meetings/roles";
import { claimRoomSeat } from "@/lib/livekit";
import type { CurrentUser } from "@/lib/session";

/** Either in (a token, and the member cookie to set), or waiting in the lobby. */
export type JoinOutcome =
  { kind: "admitted"; grant: JoinGrant; credential: MemberCredential } | { kind: "waiting"; knock: KnockCredential };

/** What the invite page shows before joining: the meeting, its host, and what it asks. */
export async function describeInvite(rawToken: string) {
  const invite = await findInvite(rawToken);
  assertInviteUsable(invite);
  const { meeting } = invite;
  return {
    meetingId: meeting.id,
    title: meeting.title,
    hostName: meeting.hostName ?? "The host",
    hostId: meeting.hostId,
    requiresSignIn: !meeting.guestsAllowed,
    lobbyEnabled: meeting.lobbyEnabled,
    role: invite.role,
    e2ee: meeting.e2ee,
    startsAt: meeting.startsAt,
    durationMinutes: meeting.durationMinutes,
    description: meeting.description,
  };
}

/**
 * Admits someone holding an invite link: every check happens here, on the server, and the
 * LiveKit token is the last step. The host keeps their role even when using a shared link.
 * Someone admitted before (a dropped connection, a reload) rejoins without knocking again
 * or using up the invite, unless they were removed.
 */
export async function joinWithInvite(
  rawToken: string,
  caller: CurrentUser | null,
  requestedName: string | undefined,
  /** Reads this browser's member cookie for the meeting (known once the invite is). */
  memberCookieFor: (meetingId: string) => Promise<string | undefined>,
  /** Runs before a lobby knock is recorded (the caller's rate limit); may throw. */
  beforeKnock: () => Promise<void> = async () => undefined,
): Promise<JoinOutcome> {
  const invite = await findInvite(rawToken);
  const { meeting } = invite;
  assertMeetingOpen(meeting);
  if (!caller && !meeting.guestsAllowed) throw new SignInRequired();

  const returning = await findMember(meeting.id, caller, await memberCookieFor(meeting.id));
  if (returning) return rejoin(meeting, returning, caller, requestedName);

  assertInviteUsable(invite);
  const role: Role = caller?.id === meeting.hostId ? "HOST" : invite.role;
  const displayName = chooseDisplayName(caller, requestedName);
  const identity = identityFor(caller, randomUUID());
  if (!bypassesLobbyAndLock(role)) {
    if (meeting.locked) throw new MeetingLocked();
    if (meeting.lobbyEnabled) {
      await beforeKnock();
      const knock = await createKnock({ meeting, invite, identity, userId: caller?.id ?? null, displayName, role });
      return { kind: "waiting", knock };
    }
  }
  // The host's own joins are never counted against an invite or the room's size.
  if (role !== "HOST") await assertRoomHasSpace(meeting);
  const { member, credential } = await admitMember(
    { meetingId: meeting.id, identity, userId: caller?.id ?? null, displayName, role },
    role === "HOST" ? undefined : invite,
  );
  return { kind: "admitted", grant: await issueGrant(meeting, member), credential };
}

/** The host joining their own meeting from its page (signed in: the identity is their account's). */
export async function joinAsHost(meeting: Meeting, actor: Actor, user: CurrentUser | null, requestedName: string | undefined) {
  assertHost(actor, "Only the host can start this meeting. Use the invite link to join.");
  const host = assertHostedBy(meeting, user);
  assertMeetingOpen(meeting);
  const { member, credential } = await admitMember({
    meetingId: meeting.id,
    identity: identityFor(host, ""),
    userId: host.id,
    displayName: chooseDisplayName(host, requestedName),
    role: "HOST",
  });
  return { grant: await issueGrant(meeting, member), credential };
}

async function rejoin(
  meeting: Meeting,
  member: MeetingMember,
  caller: CurrentUser | null,
  requestedName: string | undefined,
): Promise<JoinOutcome> {
  if (member.removedAt) throw new RemovedFromMeeting();
  const { member: refreshed, credential } = await admitMember({
    meetingId: meeting.id,
    identity: member.identity,
    userId: caller?.id ?? member.userId,
    displayName: requestedName ?? member.displayName,
    role: member.role,
  });
  return { kind: "admitted", grant: await issueGrant(meeting, refreshed), credential };
}

type InviteWithMeeting = Invite & { meeting: Meeting & { hostName: string | null } };

/**
 * Every column of Meeting, read under the prefix "meeting." beside the invite's own. Written
 * as an object so that the type check fails when Meeting gains a column not listed here.
 */
const MEETING_COLUMNS = Object.keys({
  id: true,
  title: true,
  hostId: true,
  roomName: true,
  status: true,
  guestsAllowed: true,
  lobbyEnabled: true,
  locked: true,
  maxParticipants: true,
  createdAt: true,
  startsAt: true,
  durationMinutes: true,
  timeZone: true,
  description: true,
  calendarSequence: true,
  cancelledAt: true,
  startedAt: true,
  endedAt: true,
  endedById: true,
  roomDeletedAt: true,
  e2ee: true,
} satisfies Record<keyof Meeting, true>);

const FIND_INVITE = `
  SELECT i.*, ${MEETING_COLUMNS.map((column) => `m."${column}" AS "meeting.${column}"`).join(", ")}, h."name" AS "meeting.hostName"
  FROM "Invite" i JOIN "Meeting" m ON m."id" = i."meetingId" JOIN "User" h ON h."id" = m."hostId"
  WHERE i."tokenHash" = ANY($1::text[])`;
const invitesByTokenHash = batchedLookup<Record<string, unknown>>(FIND_INVITE, (row) => row.tokenHash as string);

/**
 * The invite, its meeting and the host's name, in one statement. SQL rather than Prisma's
 * findUnique: it is on every join's path (lib/db.ts, batchedLookup).
 */
async function findInvite(rawToken: string): Promise<InviteWithMeeting> {
  // Malformed tokens are refused before touching the database.
  if (!isWellFormedInviteToken(rawToken)) throw new InviteNotValid();
  const row = await invitesByTokenHash(hashInviteToken(rawToken));
  if (!row || row.revokedAt) throw new InviteNotValid();
  const invite: Record<string, unknown> = {};
  const meeting: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (key.startsWith("meeting.")) meeting[key.slice("meeting.".length)] = value;
    else invite[key] = value;
  }
  return { ...(invite as Invite), meeting: meeting as InviteWithMeeting["meeting"] };
}

function chooseDisplayName(caller: CurrentUser | null, requested: string | undefined): string {
  const name = requested ?? caller?.name ?? caller?.email?.split("@")[0];
  if (!name) throw new NameRequired();
  return name;
}

/**
 * Refuses a full room, by LiveKit's count of at most a second ago plus the seats given out
 * since (lib/room-presence.ts); LiveKit's own limit on the room is the hard one.
 */
async function assertRoomHasSpace(meeting: Meeting) {
  if (!(await liveKitCall(() => claimRoomSeat(meeting.roomName, meeting.maxParticipants)))) throw new MeetingFull();
}
