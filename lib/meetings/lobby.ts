import { db } from "@/lib/db";
import type { Invite, Meeting, Role } from "@/lib/generated/prisma/client";
import { assertMeetingOpen, KnockNotFound, NotAdmitted } from "@/lib/meetings/errors";
import { admitMember, newSecret, secretMatches, type MemberCredential } from "@/lib/meetings/members";
import { assertModerator, type Actor } from "@/lib/meetings/actors";
import { issueGrant } from "@/lib/meetings/grant";
import type { JoinGrant } from "@/lib/meetings/roles";

/**
 * The lobby: with it on, people without a host or co-host role knock and wait. Nothing
 * LiveKit-related exists for them until a host or co-host admits them; the knocking browser
 * holds a secret (cookie) that proves the knock is theirs when it asks again.
 */
export interface KnockCredential {
  knockId: string;
  secret: string;
}

export async function createKnock(input: {
  meeting: Meeting;
  invite: Invite;
  identity: string;
  userId: string | null;
  displayName: string;
  role: Role;
}): Promise<KnockCredential> {
  const { secret, hash } = newSecret();
  const knock = await db().lobbyRequest.create({
    data: {
      meetingId: input.meeting.id,
      inviteId: input.invite.id,
      identity: input.identity,
      userId: input.userId,
      displayName: input.displayName,
      role: input.role,
      secretHash: hash,
    },
  });
  return { knockId: knock.id, secret };
}

export type KnockOutcome = { kind: "waiting" } | { kind: "admitted"; grant: JoinGrant; credential: MemberCredential };

/** The knocking browser asks how its knock went; once admitted it gets its token. */
export async function checkKnock(knockId: string, secret: string | undefined): Promise<KnockOutcome> {
  const knock = await db().lobbyRequest.findUnique({ where: { id: knockId }, include: { meeting: true } });
  if (!knock || !secret || !secretMatches(secret, knock.secretHash)) throw new KnockNotFound();
  assertMeetingOpen(knock.meeting);
  if (knock.status === "DENIED") throw new NotAdmitted();
  if (knock.status === "WAITING") return { kind: "waiting" };

  const { member, credential } = await admitMember({
    meetingId: knock.meetingId,
    identity: knock.identity,
    userId: knock.userId,
    displayName: knock.displayName,
    role: knock.role,
  });
  if (member.removedAt) throw new NotAdmitted();
  return { kind: "admitted", grant: await issueGrant(knock.meeting, member), credential };
}

/** Who is waiting, oldest first (host and co-hosts only). */
export async function listWaiting(meetingId: string, actor: Actor) {
  assertModerator(actor);
  return db().lobbyRequest.findMany({
    where: { meetingId, status: "WAITING" },
    orderBy: { createdAt: "asc" },
    select: { id: true, displayName: true, role: true, createdAt: true, userId: true },
    take: 100,
  });
}

/**
 * Admit or deny one knock (host and co-hosts only). The invite's use is counted on
 * admission: the host chose to let this person in, even if the link's last use went
 * meanwhile.
 */
export async function decideKnock(meetingId: string, knockId: string, actor: Actor, admit: boolean) {
  const moderator = assertModerator(actor);
  const { count } = await db().lobbyRequest.updateMany({
    where: { id: knockId, meetingId, status: "WAITING" },
    data: { status: admit ? "ADMITTED" : "DENIED", decidedAt: new Date(), decidedBy: moderator.identity },
  });
  if (count === 0) throw new KnockNotFound("That request to join was already answered or does not exist.");
  if (admit) {
    const knock = await db().lobbyRequest.findUniqueOrThrow({ where: { id: knockId } });
    await db().invite.update({ where: { id: knock.inviteId }, data: { uses: { increment: 1 } } });
  }
}
