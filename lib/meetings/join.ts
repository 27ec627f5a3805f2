import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Invite, Meeting, MeetingMember, Role } from "@/lib/generated/prisma/client";
import {
  InviteExpired,
  InviteNotValid,
  MediaServerUnavailable,
  MeetingEnded,
  MeetingFull,
  MeetingLocked,
  MeetingNotFound,
  NameRequired,
  NotHost,
  RemovedFromMeeting,
  SignInRequired,
} from "@/lib/meetings/errors";
import { hashInviteToken, isWellFormedInviteToken } from "@/lib/meetings/invite-token";
import { createKnock, type KnockCredential } from "@/lib/meetings/lobby";
import { admitMember, findMember, identityFor, type MemberCredential } from "@/lib/meetings/members";
import { deleteRoom, ensureRoom, issueRoomToken, listRoomParticipants, livekitClientUrl } from "@/lib/livekit";
import type { CurrentUser } from "@/lib/session";
import { handAttribute } from "@/lib/call-attributes";

export interface JoinGrant {
  serverUrl: string;
  token: string;
  identity: string;
  displayName: string;
  role: Role;
  meetingId: string;
}

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
    hostName: meeting.host.name ?? "The host",
    hostId: meeting.hostId,
    requiresSignIn: !meeting.guestsAllowed,
    lobbyEnabled: meeting.lobbyEnabled,
    role: invite.role,
    e2ee: meeting.e2ee,
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
  if (meeting.status === "ENDED") throw new MeetingEnded();
  if (!caller && !meeting.guestsAllowed) throw new SignInRequired();

  const returning = await findMember(meeting.id, caller, await memberCookieFor(meeting.id));
  if (returning) return rejoin(meeting, returning, caller, requestedName);

  assertInviteUsable(invite);
  const role: Role = caller?.id === meeting.hostId ? "HOST" : invite.role;
  const displayName = chooseDisplayName(caller, requestedName);
  const identity = identityFor(caller, randomUUID());
  if (role !== "HOST") {
    if (meeting.locked && role !== "COHOST") throw new MeetingLocked();
    if (meeting.lobbyEnabled && role !== "COHOST") {
      await beforeKnock();
      const knock = await createKnock({ meeting, invite, identity, userId: caller?.id ?? null, displayName, role });
      return { kind: "waiting", knock };
    }
  }
  if (role !== "HOST") {
    await assertRoomHasSpace(meeting);
    await consumeInviteUse(invite);
  }
  const { member, credential } = await admitMember({
    meetingId: meeting.id,
    identity,
    userId: caller?.id ?? null,
    displayName,
    role,
  });
  return { kind: "admitted", grant: await issueGrant(meeting, member), credential };
}

/** The host joining their own meeting from its page. */
export async function joinAsHost(meetingId: string, user: CurrentUser, requestedName: string | undefined) {
  const meeting = await db().meeting.findUnique({ where: { id: meetingId } });
  if (!meeting) throw new MeetingNotFound();
  if (meeting.hostId !== user.id) throw new NotHost("Only the host can start this meeting. Use the invite link to join.");
  if (meeting.status === "ENDED") throw new MeetingEnded();
  const { member, credential } = await admitMember({
    meetingId: meeting.id,
    identity: identityFor(user, ""),
    userId: user.id,
    displayName: chooseDisplayName(user, requestedName),
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

type InviteWithMeeting = Invite & { meeting: Meeting & { host: { name: string | null } } };

async function findInvite(rawToken: string): Promise<InviteWithMeeting> {
  // Malformed tokens are refused before touching the database.
  if (!isWellFormedInviteToken(rawToken)) throw new InviteNotValid();
  const invite = await db().invite.findUnique({
    where: { tokenHash: hashInviteToken(rawToken) },
    include: { meeting: { include: { host: { select: { name: true } } } } },
  });
  if (!invite || invite.revokedAt) throw new InviteNotValid();
  return invite;
}

function assertInviteUsable(invite: InviteWithMeeting) {
  if (invite.meeting.status === "ENDED") throw new MeetingEnded();
  if (invite.expiresAt && invite.expiresAt <= new Date()) throw new InviteExpired();
  if (invite.maxUses !== null && invite.uses >= invite.maxUses) {
    throw new InviteExpired("This invite link has been used as many times as the host allowed.");
  }
}

function chooseDisplayName(caller: CurrentUser | null, requested: string | undefined): string {
  const name = requested ?? caller?.name ?? caller?.email?.split("@")[0];
  if (!name) throw new NameRequired();
  return name;
}

async function assertRoomHasSpace(meeting: Meeting) {
  const participants = await liveKitCall(() => listRoomParticipants(meeting.roomName));
  if (participants && participants.length >= meeting.maxParticipants) throw new MeetingFull();
}

/** Counts a use atomically, so two people cannot both take an invite's last use. */
export async function consumeInviteUse(invite: Pick<Invite, "id" | "maxUses">) {
  const { count } = await db().invite.updateMany({
    where: {
      id: invite.id,
      revokedAt: null,
      ...(invite.maxUses !== null && { uses: { lt: invite.maxUses } }),
    },
    data: { uses: { increment: 1 } },
  });
  if (count === 0) throw new InviteExpired("This invite link has been used as many times as the host allowed.");
}

/** The LiveKit token for an admitted member: the room exists and the meeting is live. */
export async function issueGrant(meeting: Meeting, member: MeetingMember): Promise<JoinGrant> {
  // Always: LiveKit lists a missing room as empty, so there is no cheaper way to know it
  // exists, and rooms are never created by connecting clients (auto_create: false).
  await liveKitCall(() => ensureRoom(meeting.roomName, { maxParticipants: meeting.maxParticipants }));
  // Mark the meeting live unless it has ended: one conditional write, after the room exists.
  // Ending marks the database before deleting the room, so either this write sees ENDED (we
  // close the room we may have just recreated), or the end comes later and deletes it.
  const { count } = await db().meeting.updateMany({
    where: { id: meeting.id, status: { not: "ENDED" } },
    data: { status: "LIVE", startedAt: meeting.startedAt ?? new Date() },
  });
  if (count === 0) {
    await deleteRoom(meeting.roomName).catch(() => undefined);
    throw new MeetingEnded();
  }

  const token = await issueRoomToken({
    room: meeting.roomName,
    identity: member.identity,
    displayName: member.displayName,
    role: member.role,
    onStage: member.onStage,
    metadata: { meetingId: meeting.id },
    // A raised hand survives a reconnect: the new token carries it.
    attributes: handAttribute(member.handUpSince),
  });
  return {
    serverUrl: livekitClientUrl(),
    token,
    identity: member.identity,
    displayName: member.displayName,
    role: member.role,
    meetingId: meeting.id,
  };
}

export async function liveKitCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    console.error("[livekit] call failed:", error);
    throw new MediaServerUnavailable();
  }
}
