import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { deleteRoom, type RoomEvent } from "@/lib/livekit";
import { parseIdentity } from "@/lib/meetings/roles";

export type WebhookOutcome = "recorded" | "duplicate" | "ignored";

/**
 * Records what LiveKit reports about a meeting's room. The event id is stored in the same
 * transaction as its effect, so a redelivered event changes nothing; and a stay is keyed
 * by (identity, session join time), which both its joined and left events carry, so events
 * that arrive out of order still land on one row.
 */
export async function recordRoomEvent(event: RoomEvent): Promise<WebhookOutcome> {
  if (!event.roomName) return "ignored";
  const meeting = await db().meeting.findUnique({
    where: { roomName: event.roomName },
    select: { id: true, status: true },
  });
  if (!meeting) return "ignored";

  try {
    await db().$transaction(async (tx) => {
      await tx.webhookEvent.create({ data: { id: event.id, event: event.event } });
      await applyEvent(tx, meeting.id, event);
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return "duplicate";
    throw error;
  }
  // Someone reached the room of an ended meeting (it was recreated while LiveKit was
  // unreachable during the end): close it again.
  if (meeting.status === "ENDED" && event.event === "participant_joined") {
    await deleteRoom(event.roomName).catch((error) => console.error("[attendance] could not close room:", error));
  }
  return "recorded";
}

async function applyEvent(tx: Prisma.TransactionClient, meetingId: string, event: RoomEvent) {
  const { participant } = event;
  switch (event.event) {
    case "participant_joined":
    case "participant_left": {
      if (!participant) return;
      const parsed = parseIdentity(participant.identity);
      const userId = parsed?.kind === "user" ? parsed.userId : null;
      const userExists = userId ? (await tx.user.count({ where: { id: userId } })) > 0 : false;
      const left = event.event === "participant_left" ? { leftAt: event.createdAt } : {};
      await tx.participation.upsert({
        where: {
          meetingId_identity_joinedAt: { meetingId, identity: participant.identity, joinedAt: participant.joinedAt },
        },
        create: {
          meetingId,
          identity: participant.identity,
          userId: userExists ? userId : null,
          displayName: participant.name || participant.identity,
          role: participant.role ?? "PARTICIPANT",
          joinedAt: participant.joinedAt,
          ...left,
        },
        // A late "joined" never clears a "left" that arrived first.
        update: { displayName: participant.name || participant.identity, ...left },
      });
      return;
    }
    case "room_finished": {
      // Whoever was still in the room left when it closed.
      await tx.participation.updateMany({ where: { meetingId, leftAt: null }, data: { leftAt: event.createdAt } });
      await tx.meeting.updateMany({
        where: { id: meetingId, status: "ENDED", roomDeletedAt: null },
        data: { roomDeletedAt: event.createdAt },
      });
      return;
    }
    default:
      return;
  }
}
