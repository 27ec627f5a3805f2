import { db } from "@/lib/db";
import type { Meeting, MeetingMember } from "@/lib/generated/prisma/client";
import { assertMeetingOpen, MeetingEnded } from "@/lib/meetings/errors";
import { liveKitCall } from "@/lib/meetings/livekit-call";
import type { JoinGrant } from "@/lib/meetings/roles";
import { handAttribute } from "@/lib/call-attributes";
import { deleteRoom, ensureRoom, issueRoomToken, livekitClientUrl } from "@/lib/livekit";

/** The LiveKit token for an admitted member: the room exists and the meeting is live. */
export async function issueGrant(meeting: Meeting, member: MeetingMember): Promise<JoinGrant> {
  // Always: LiveKit lists a missing room as empty, so there is no cheaper way to know it
  // exists, and rooms are never created by connecting clients (auto_create: false).
  await liveKitCall(() => ensureRoom(meeting.roomName, { maxParticipants: meeting.maxParticipants }));
  // Mark the meeting live unless it has ended or was cancelled: one conditional write, after the room exists.
  // Ending marks the database before deleting the room, so either this write sees ENDED (we
  // close the room we may have just recreated), or the end comes later and deletes it.
  const { count } = await db().meeting.updateMany({
    where: { id: meeting.id, status: { in: ["SCHEDULED", "LIVE"] } },
    data: { status: "LIVE", startedAt: meeting.startedAt ?? new Date() },
  });
  if (count === 0) {
    await deleteRoom(meeting.roomName).catch(() => undefined);
    assertMeetingOpen(await db().meeting.findUniqueOrThrow({ where: { id: meeting.id }, select: { status: true } }));
    throw new MeetingEnded();
  }

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
