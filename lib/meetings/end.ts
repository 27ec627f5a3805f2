import { db } from "@/lib/db";
import type { Meeting } from "@/lib/generated/prisma/client";
import { assertHostOf } from "@/lib/meetings/actors";
import { MeetingNotFound } from "@/lib/meetings/errors";
import { deleteRoom } from "@/lib/livekit";
import type { CurrentUser } from "@/lib/session";

/**
 * Ends the meeting for everyone. The database is marked first, so from that instant no new
 * LiveKit token is issued; then the room is deleted, which disconnects every participant
 * with reason ROOM_DELETED. If LiveKit is unreachable the meeting stays ended and the room
 * deletion is retried later (`retryPendingRoomDeletions`).
 */
export async function endMeetingForAll(meetingId: string, user: CurrentUser): Promise<Meeting> {
  const meeting = await db().meeting.findUnique({ where: { id: meetingId } });
  if (!meeting) throw new MeetingNotFound();
  await assertHostOf(meeting, user, "Only the host can end the meeting for everyone.");

  await db().meeting.updateMany({
    where: { id: meetingId, status: { not: "ENDED" } },
    data: { status: "ENDED", endedAt: new Date(), endedById: user.id },
  });
  await deleteRoomOfEndedMeeting(meeting.id, meeting.roomName);
  return db().meeting.findUniqueOrThrow({ where: { id: meetingId } });
}

/** Deletes the room and records it; a failure is logged and left for the retry. */
async function deleteRoomOfEndedMeeting(meetingId: string, roomName: string): Promise<boolean> {
  try {
    await deleteRoom(roomName);
  } catch (error) {
    console.error(`[meetings] could not delete room of ended meeting ${meetingId}; will retry:`, error);
    return false;
  }
  await db().meeting.update({ where: { id: meetingId }, data: { roomDeletedAt: new Date() } });
  return true;
}

/** Deletes the rooms of ended meetings whose deletion failed earlier (LiveKit was down). */
export async function retryPendingRoomDeletions(): Promise<number> {
  const pending = await db().meeting.findMany({
    where: { status: "ENDED", roomDeletedAt: null },
    select: { id: true, roomName: true },
    take: 50,
  });
  let deleted = 0;
  for (const meeting of pending) {
    if (await deleteRoomOfEndedMeeting(meeting.id, meeting.roomName)) deleted++;
  }
  return deleted;
}
