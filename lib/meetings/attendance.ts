import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { RoomEvent } from "@/lib/livekit";

export type WebhookOutcome = "recorded" | "duplicate" | "ignored";

/**
 * Records what LiveKit reports about a meeting's room. The event id is stored in the same
 * transaction as its effect, so a redelivered event changes nothing.
 */
export async function recordRoomEvent(event: RoomEvent): Promise<WebhookOutcome> {
  if (!event.roomName) return "ignored";
  const meeting = await db().meeting.findUnique({ where: { roomName: event.roomName }, select: { id: true } });
  if (!meeting) return "ignored";

  try {
    await db().$transaction(async (tx) => {
      await tx.webhookEvent.create({ data: { id: event.id, event: event.event } });
      await applyEvent(tx, meeting.id, event);
    });
    return "recorded";
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return "duplicate";
    throw error;
  }
}

async function applyEvent(tx: Prisma.TransactionClient, meetingId: string, event: RoomEvent) {
  const { participant } = event;
  switch (event.event) {
    case "participant_joined": {
      if (!participant) return;
      const userId = participant.identity.startsWith("user_") ? participant.identity.slice(5) : null;
      const userExists = userId ? (await tx.user.count({ where: { id: userId } })) > 0 : false;
      await tx.participation.create({
        data: {
          meetingId,
          identity: participant.identity,
          userId: userExists ? userId : null,
          displayName: participant.name || participant.identity,
          role: participant.role ?? "PARTICIPANT",
          joinedAt: event.createdAt,
        },
      });
      return;
    }
    case "participant_left": {
      if (!participant) return;
      await tx.participation.updateMany({
        where: { meetingId, identity: participant.identity, leftAt: null },
        data: { leftAt: event.createdAt },
      });
      return;
    }
    case "room_finished": {
      // Whoever was still in the room left when it closed.
      await tx.participation.updateMany({ where: { meetingId, leftAt: null }, data: { leftAt: event.createdAt } });
      return;
    }
    default:
      return;
  }
}
