import { db } from "@/lib/db";
import type { Meeting, MeetingMember } from "@/lib/generated/prisma/client";
import { assertHost, assertModerator, type Actor, type MeetingActor } from "@/lib/meetings/actors";
import { assertMeetingOpen, CannotModerate, NotACoHost, ParticipantNotFound } from "@/lib/meetings/errors";
import { liveKitCall } from "@/lib/meetings/livekit-call";
import { canActOn, userIdentity } from "@/lib/meetings/roles";
import { applyRoleLive, muteParticipantTrack, removeRoomParticipant } from "@/lib/livekit";

/**
 * Host and co-host powers. Every function checks the actor's role (from the database) and
 * the target's, then acts through LiveKit's server API: clients hold no admin grant.
 * Co-hosts may act on participants and viewers, never on the host or another co-host.
 */

async function findTarget(meeting: Meeting, identity: string): Promise<MeetingMember> {
  // The host is out of every moderator's reach, whether or not they are in the call.
  if (identity === userIdentity(meeting.hostId)) throw new CannotModerate();
  const target = await db().meetingMember.findUnique({
    where: { meetingId_identity: { meetingId: meeting.id, identity } },
  });
  if (!target || target.removedAt) throw new ParticipantNotFound();
  return target;
}

function assertCanActOn(actor: MeetingActor, target: MeetingMember) {
  if (!canActOn(actor.role, target.role)) throw new CannotModerate();
}

function assertOpen(meeting: Meeting) {
  assertMeetingOpen(meeting);
}

export async function muteParticipant(meeting: Meeting, actor: Actor, identity: string, source: "microphone" | "camera") {
  const moderator = assertModerator(actor);
  assertOpen(meeting);
  const target = await findTarget(meeting, identity);
  if (target.identity !== moderator.identity) assertCanActOn(moderator, target);
  const muted = await liveKitCall(() => muteParticipantTrack(meeting.roomName, identity, source));
  return { muted };
}

/** Removes someone from the call; their identity cannot rejoin this meeting. */
export async function removeParticipant(meeting: Meeting, actor: Actor, identity: string) {
  const moderator = assertModerator(actor);
  assertOpen(meeting);
  const target = await findTarget(meeting, identity);
  assertCanActOn(moderator, target);
  // Banned first, so a reconnect racing the removal cannot get a new token.
  await db().meetingMember.update({ where: { id: target.id }, data: { removedAt: new Date() } });
  await db().participation.updateMany({
    where: { meetingId: meeting.id, identity, leftAt: null },
    data: { removed: true },
  });
  await liveKitCall(() => removeRoomParticipant(meeting.roomName, identity));
}

/** Promote to co-host, or demote a co-host to participant (host only). */
export async function setCoHost(meeting: Meeting, actor: Actor, identity: string, coHost: boolean) {
  assertHost(actor);
  assertOpen(meeting);
  const target = await findTarget(meeting, identity);
  if (target.role === "HOST") throw new CannotModerate("The host's role cannot be changed.");
  // Demoting makes a PARTICIPANT (who may publish): only a co-host can be demoted, or a
  // viewer would be given publish rights by accident.
  if (!coHost && target.role !== "COHOST") throw new NotACoHost();
  const role = coHost ? "COHOST" : "PARTICIPANT";
  const updated = await db().meetingMember.update({ where: { id: target.id }, data: { role, onStage: false } });
  await liveKitCall(() => applyRoleLive(meeting.roomName, identity, { role, onStage: false, metadata: { meetingId: meeting.id } }));
  return updated;
}

/** Bring a viewer on stage (may publish) or back to the audience. */
export async function setOnStage(meeting: Meeting, actor: Actor, identity: string, onStage: boolean) {
  const moderator = assertModerator(actor);
  assertOpen(meeting);
  const target = await findTarget(meeting, identity);
  assertCanActOn(moderator, target);
  if (target.role !== "VIEWER") throw new CannotModerate("Only viewers can be brought on stage.");
  const updated = await db().meetingMember.update({ where: { id: target.id }, data: { onStage } });
  await liveKitCall(() =>
    applyRoleLive(meeting.roomName, identity, { role: "VIEWER", onStage, metadata: { meetingId: meeting.id, onStage } }),
  );
  return updated;
}

/** Lock (no new joins, even with a valid link) and turn the lobby on or off. */
export async function updateMeetingSettings(meeting: Meeting, actor: Actor, settings: { locked?: boolean; lobbyEnabled?: boolean }) {
  assertModerator(actor);
  assertOpen(meeting);
  return db().meeting.update({ where: { id: meeting.id }, data: settings });
}
