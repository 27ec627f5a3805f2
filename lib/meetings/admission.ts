import { db } from "@/lib/db";
import type { Meeting } from "@/lib/generated/prisma/client";
import { assertMember, type Actor } from "@/lib/meetings/actors";
import { applyRoleLive, removeRoomParticipant, type RoomEvent } from "@/lib/livekit";

/** What applying membership needs of a meeting (read once by the caller, not again here). */
type RoomOfMeeting = Pick<Meeting, "id" | "status" | "roomName">;

/** How often a join is re-applied when a role change lands while it is being applied. */
const MAX_APPLY_ROUNDS = 3;

/**
 * The SFU's half of membership (docs/decisions/013-sfu-enforces-membership.md). Client
 * tokens only let someone into the room, with no right to send or receive anything, and a
 * token cannot be revoked. When LiveKit reports a join (webhook `participant_joined`), the
 * database decides: a removed or unknown identity, or anyone in the room of an ended
 * meeting, is removed; everyone else gets exactly the rights of their role and stage.
 * So a replayed old token brings no media, and a demoted viewer's on-stage token no stage.
 */
export async function admitParticipant(event: RoomEvent): Promise<"admitted" | "removed" | "ignored"> {
  if (event.event !== "participant_joined" || !event.roomName || !event.participant) return "ignored";
  const meeting = await db().meeting.findUnique({
    where: { roomName: event.roomName },
    select: { id: true, status: true, roomName: true },
  });
  if (!meeting) return "ignored";
  return applyMembership(meeting, event.participant.identity);
}

/**
 * The same, asked for by the member themself (POST /api/meetings/<id>/admission) as soon as
 * LiveKit has answered their join: LiveKit sends `participant_joined` only once the media
 * connection is up, so waiting for it puts the webhook's round trip, and the subscription
 * that follows, after the connection instead of beside it. The caller only names a meeting;
 * the identity is the one the database holds for their session or member cookie, and what
 * is applied is what the database says, so asking grants nothing the webhook would not.
 */
export async function admitCaller(meeting: RoomOfMeeting, actor: Actor) {
  return applyMembership(meeting, assertMember(actor).identity);
}

/**
 * Makes one identity's presence and rights in the room match the database. Also run for
 * everyone LiveKit lists when an app instance starts (lib/meetings/reconcile.ts): people who
 * joined while no instance could hear the webhook would otherwise sit in the room without
 * media until they rejoin.
 */
export async function applyMembership(meeting: RoomOfMeeting, identity: string): Promise<"admitted" | "removed"> {
  const room = meeting.roomName;
  const readMember = () =>
    db().meetingMember.findUnique({
      where: { meetingId_identity: { meetingId: meeting.id, identity } },
      select: { role: true, onStage: true, removedAt: true },
    });
  let member = await readMember();
  for (let round = 0; round < MAX_APPLY_ROUNDS; round++) {
    if (meeting.status === "ENDED" || meeting.status === "CANCELLED" || !member || member.removedAt) {
      await removeRoomParticipant(room, identity);
      return "removed";
    }
    await applyRoleLive(room, identity, {
      role: member.role,
      onStage: member.onStage,
      metadata: { meetingId: meeting.id, onStage: member.onStage },
    });
    // A moderator's change that committed meanwhile may have been applied BEFORE ours and so
    // overwritten: read again and re-apply until the room matches the database.
    const now = await readMember();
    if (now && !now.removedAt && now.role === member.role && now.onStage === member.onStage) return "admitted";
    member = now;
  }
  return "admitted";
}
