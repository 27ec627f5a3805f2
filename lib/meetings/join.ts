import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Meeting, Role } from "@/lib/generated/prisma/client";
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
  SignInRequired,
} from "@/lib/meetings/errors";
import { hashInviteToken, isWellFormedInviteToken } from "@/lib/meetings/invite-token";
import { deleteRoom, ensureRoom, issueRoomToken, listRoomParticipants, livekitClientUrl } from "@/lib/livekit";
import type { CurrentUser } from "@/lib/session";

export interface JoinGrant {
  serverUrl: string;
  token: string;
  identity: string;
  displayName: string;
  role: Role;
  meetingId: string;
}

/** What the invite page shows before joining: the meeting, its host, and what it asks. */
export async function describeInvite(rawToken: string) {
  const invite = await findUsableInvite(rawToken);
  const { meeting } = invite;
  return {
    meetingId: meeting.id,
    title: meeting.title,
    hostName: meeting.host.name ?? "The host",
    hostId: meeting.hostId,
    requiresSignIn: !meeting.guestsAllowed,
    role: invite.role,
  };
}

/**
 * Admits someone holding an invite link: every check happens here, on the server, and the
 * LiveKit token is the last step. The host keeps their role even when using a shared link.
 */
export async function joinWithInvite(
  rawToken: string,
  caller: CurrentUser | null,
  requestedName: string | undefined,
): Promise<JoinGrant> {
  const invite = await findUsableInvite(rawToken);
  const { meeting } = invite;
  if (!caller && !meeting.guestsAllowed) throw new SignInRequired();
  const role: Role = caller?.id === meeting.hostId ? "HOST" : invite.role;
  const displayName = chooseDisplayName(caller, requestedName);
  if (role !== "HOST") {
    if (meeting.locked && role !== "COHOST") throw new MeetingLocked();
    await assertRoomHasSpace(meeting);
    await consumeInviteUse(invite.id, invite.maxUses);
  }
  return admit(meeting, role, caller, displayName);
}

/** The host joining their own meeting from its page. */
export async function joinAsHost(meetingId: string, user: CurrentUser, requestedName: string | undefined) {
  const meeting = await db().meeting.findUnique({ where: { id: meetingId } });
  if (!meeting) throw new MeetingNotFound();
  if (meeting.hostId !== user.id) throw new NotHost("Only the host can start this meeting. Use the invite link to join.");
  if (meeting.status === "ENDED") throw new MeetingEnded();
  return admit(meeting, "HOST", user, chooseDisplayName(user, requestedName));
}

async function findUsableInvite(rawToken: string) {
  // Malformed tokens are refused before touching the database.
  if (!isWellFormedInviteToken(rawToken)) throw new InviteNotValid();
  const invite = await db().invite.findUnique({
    where: { tokenHash: hashInviteToken(rawToken) },
    include: { meeting: { include: { host: { select: { name: true } } } } },
  });
  if (!invite || invite.revokedAt) throw new InviteNotValid();
  if (invite.expiresAt && invite.expiresAt <= new Date()) throw new InviteExpired();
  if (invite.maxUses !== null && invite.uses >= invite.maxUses) {
    throw new InviteExpired("This invite link has been used as many times as the host allowed.");
  }
  if (invite.meeting.status === "ENDED") throw new MeetingEnded();
  return invite;
}

function chooseDisplayName(caller: CurrentUser | null, requested: string | undefined): string {
  const name = requested ?? caller?.name ?? caller?.email?.split("@")[0];
  if (!name) throw new NameRequired();
  return name;
}

async function assertRoomHasSpace(meeting: Meeting) {
  const participants = await liveKitCall(() => listRoomParticipants(meeting.roomName));
  if (participants.length >= meeting.maxParticipants) throw new MeetingFull();
}

/** Counts a use atomically, so two people cannot both take an invite's last use. */
async function consumeInviteUse(inviteId: string, maxUses: number | null) {
  const { count } = await db().invite.updateMany({
    where: { id: inviteId, revokedAt: null, ...(maxUses !== null && { uses: { lt: maxUses } }) },
    data: { uses: { increment: 1 } },
  });
  if (count === 0) throw new InviteExpired("This invite link has been used as many times as the host allowed.");
}

async function admit(meeting: Meeting, role: Role, caller: CurrentUser | null, displayName: string): Promise<JoinGrant> {
  // Mark the meeting live, unless it ended meanwhile (one conditional write, no race).
  const { count } = await db().meeting.updateMany({
    where: { id: meeting.id, status: { not: "ENDED" } },
    data: { status: "LIVE", startedAt: meeting.startedAt ?? new Date() },
  });
  if (count === 0) throw new MeetingEnded();

  await liveKitCall(() => ensureRoom(meeting.roomName, { maxParticipants: meeting.maxParticipants }));
  // The host may have ended the meeting between the write above and creating the room:
  // ending marks the database first, so re-reading it here closes that window.
  const current = await db().meeting.findUniqueOrThrow({ where: { id: meeting.id }, select: { status: true } });
  if (current.status === "ENDED") {
    await deleteRoom(meeting.roomName).catch(() => undefined);
    throw new MeetingEnded();
  }

  const identity = caller ? `user_${caller.id}` : `guest_${randomUUID()}`;
  const token = await issueRoomToken({
    room: meeting.roomName,
    identity,
    displayName,
    role,
    metadata: { meetingId: meeting.id },
  });
  return { serverUrl: livekitClientUrl(), token, identity, displayName, role, meetingId: meeting.id };
}

async function liveKitCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    console.error("[livekit] call failed:", error);
    throw new MediaServerUnavailable();
  }
}
