import { db } from "@/lib/db";
import type { Meeting } from "@/lib/generated/prisma/client";
import { assertHost, type Actor } from "@/lib/meetings/actors";
import { announceMeetingEnded, deleteRoom } from "@/lib/livekit";

/**
 * Ends the meeting for everyone. The database is marked first, so from that instant no new
 * LiveKit token is issued; then everyone in the call is told, in one packet from the server,
 * and the room is deleted, which disconnects every participant with reason ROOM_DELETED.
 * The packet is what pages show first: LiveKit closes the participants one after another,
 * and each page hears of every other one leaving before its own disconnect. If LiveKit is
 * unreachable the meeting stays ended and the room deletion is retried later
 * (`retryPendingRoomDeletions`); the deletion alone still ends every call.
 */
export async function endMeetingForAll(meeting: Meeting, actor: Actor): Promise<Meeting> {
  assertHost(actor, "Only the host can end the meeting for everyone.");
  await db().meeting.updateMany({
    where: { id: meeting.id, status: { not: "ENDED" } },
    data: { status: "ENDED", endedAt: new Date(), endedById: meeting.hostId },
  });
  await announceMeetingEnded(meeting.roomName).catch((error: unknown) =>
    console.error(`[meetings] could not announce the end of meeting ${meeting.id}; the room's deletion still ends every call:`, error),
  );
  await deleteRoomOfEndedMeeting(meeting.id, meeting.roomName);
  return db().meeting.findUniqueOrThrow({ where: { id: meeting.id } });
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
