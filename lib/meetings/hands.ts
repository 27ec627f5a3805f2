import { db } from "@/lib/db";
import type { Meeting } from "@/lib/generated/prisma/client";
import { handAttribute } from "@/lib/call-attributes";
import { assertMember, assertModerator, type Actor } from "@/lib/meetings/actors";
import { assertMeetingOpen, NotInCall, ParticipantNotFound } from "@/lib/meetings/errors";
import { liveKitCall } from "@/lib/meetings/livekit-call";
import { setParticipantAttributes } from "@/lib/livekit";

/**
 * Raised hands. The database holds the truth (MeetingMember.handUpSince: it survives a
 * reconnect, and its time orders the moderators' queue); LiveKit's participant attributes
 * carry it to every browser in the room. Set only here, never by a client.
 */

/** Anyone admitted (viewers included) raises or lowers their own hand. */
export async function setOwnHand(meeting: Meeting, actor: Actor, raised: boolean) {
  const me = assertMember(actor);
  assertMeetingOpen(meeting);
  const member = await db().meetingMember.findUnique({ where: { meetingId_identity: { meetingId: meeting.id, identity: me.identity } } });
  // The host is a member once they joined the call; before that there is no hand to raise.
  if (!member || member.removedAt) throw new NotInCall();
  // Raising an already raised hand keeps its place in the queue.
  const handUpSince = raised ? (member.handUpSince ?? new Date()) : null;
  await db().meetingMember.update({ where: { id: member.id }, data: { handUpSince } });
  await liveKitCall(() => setParticipantAttributes(meeting.roomName, member.identity, handAttribute(handUpSince)));
  return { identity: member.identity, handUpSince };
}

/** Hosts and co-hosts lower anyone's hand (e.g. once they have spoken). */
export async function lowerHandOf(meeting: Meeting, actor: Actor, identity: string) {
  assertModerator(actor);
  assertMeetingOpen(meeting);
  const target = await db().meetingMember.findUnique({ where: { meetingId_identity: { meetingId: meeting.id, identity } } });
  if (!target || target.removedAt) throw new ParticipantNotFound();
  await db().meetingMember.update({ where: { id: target.id }, data: { handUpSince: null } });
  await liveKitCall(() => setParticipantAttributes(meeting.roomName, identity, handAttribute(null)));
  return { identity, handUpSince: null };
}
