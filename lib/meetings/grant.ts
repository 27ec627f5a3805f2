import { db } from "@/lib/db";
import type { Meeting, MeetingMember } from "@/lib/generated/prisma/client";
import { assertMeetingOpen, MeetingEnded } from "@/lib/meetings/errors";
import { liveKitCall } from "@/lib/meetings/livekit-call";
import type { JoinGrant } from "@/lib/meetings/roles";
import { handAttribute } from "@/lib/call-attributes";
import { deleteRoom, ensureRoom, issueRoomToken, livekitClientUrl } from "@/lib/livekit";

/** The LiveKit token for an admitted member: the room exists and the meeting is live. */
export async function issueGrant(meeting: Meeting, member: MeetingMember): Promise<JoinGrant> {
  // Rooms are never created by connecting clients (auto_create: false): make sure it exists
  // (a call to LiveKit unless someone was in it, or it was created, within the last second).
  await liveKitCall(() => ensureRoom(meeting.roomName, { maxParticipants: meeting.maxParticipants }));
  if (meeting.status === "LIVE") return grantFor(meeting, member);
  // Mark the meeting live unless it has ended or was cancelled: one conditional write, after the room exists.
  // Ending marks the database before deleting the room, so either this write sees ENDED (we
  // close the room we may have just recreated), or the end comes later and deletes it.
  // Already live, the write is skipped (docs/decisions/027): an end racing this join can
  // leave a recreated, empty room behind until LiveKit's empty timeout, but whoever connects
  // to it is removed on admission, which reads the ended meeting (decision 013).
  const { count } = await db().meeting.updateMany({
    where: { id: meeting.id, status: { in: ["SCHEDULED", "LIVE"] } },
    data: { status: "LIVE", startedAt: meeting.startedAt ?? new Date() },
  });
  if (count === 0) {
    await deleteRoom(meeting.roomName).catch(() => undefined);
    assertMeetingOpen(await db().meeting.findUniqueOrThrow({ where: { id: meeting.id }, select: { status: true } }));
    throw new MeetingEnded();
  }

  return grantFor(meeting, member);
}

async function grantFor(meeting: Meeting, member: MeetingMember): Promise<JoinGrant> {
  const token = await issueRoomToken({
    room: meeting.roomName,
    identity: member.identity,
    displayName: member.displayName,
    role: member.role,
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
