import { db } from "@/lib/db";
import { listRoomParticipants, type RoomParticipant } from "@/lib/livekit";
import { applyMembership } from "@/lib/meetings/admission";
import { parseIdentity } from "@/lib/meetings/roles";

/**
 * Attendance comes from LiveKit's webhooks, and LiveKit gives up on a webhook after a few
 * retries (about half a minute). Joins and leaves that happen while no app instance is up are
 * therefore lost, unless someone compares: this reads LiveKit's own participant list of every
 * live meeting and records who is there but missing (a join) and who is recorded as present
 * but is gone (a leave, dated when it was noticed: LiveKit keeps no history). Someone who
 * joined AND left during the outage left no trace anywhere and cannot be recovered.
 * Safe to run on every instance at once: rows are keyed like the webhooks' (identity and the
 * session's join time), so a webhook and a reconciliation of the same join land on one row.
 */
export async function reconcileAttendance(): Promise<{ joined: number; left: number }> {
  const meetings = await db().meeting.findMany({ where: { status: "LIVE" }, select: { id: true, status: true, roomName: true } });
  let joined = 0;
  let left = 0;
  for (const meeting of meetings) {
    const listedAt = new Date();
    const inRoom = (await listRoomParticipants(meeting.roomName)) ?? [];
    for (const participant of inRoom) {
      if (await recordPresent(meeting.id, participant)) joined++;
      // Rights come from the join webhook (docs/decisions/013); whoever joined while no
      // instance could receive it has none yet, or should not be there at all.
      await applyMembership(meeting, participant.identity);
    }
    const open = await db().participation.findMany({
      // Only stays that began before the list was read: a join recorded meanwhile is not a leave.
      where: { meetingId: meeting.id, leftAt: null, joinedAt: { lt: listedAt } },
      select: { id: true, identity: true, joinedAt: true },
    });
    const gone = open.filter((row) => !inRoom.some((p) => p.identity === row.identity && p.joinedAt.getTime() === row.joinedAt.getTime()));
    if (gone.length > 0) {
      const closed = await db().participation.updateMany({
        where: { id: { in: gone.map((row) => row.id) }, leftAt: null },
        data: { leftAt: listedAt },
      });
      left += closed.count;
    }
  }
  return { joined, left };
}

/** Records a stay LiveKit reports; answers whether it was missing. */
async function recordPresent(meetingId: string, participant: RoomParticipant): Promise<boolean> {
  const key = { meetingId, identity: participant.identity, joinedAt: participant.joinedAt };
  if (await db().participation.findUnique({ where: { meetingId_identity_joinedAt: key }, select: { id: true } })) return false;
  const parsed = parseIdentity(participant.identity);
  const userId = parsed?.kind === "user" ? parsed.userId : null;
  const userExists = userId ? (await db().user.count({ where: { id: userId } })) > 0 : false;
  await db().participation.upsert({
    where: { meetingId_identity_joinedAt: key },
    create: {
      ...key,
      userId: userExists ? userId : null,
      displayName: participant.name || participant.identity,
      role: participant.role ?? "PARTICIPANT",
    },
    update: {},
  });
  return true;
}
