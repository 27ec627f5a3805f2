import { db } from "@/lib/db";
import { serverEnv } from "@/lib/env";
import type { Meeting } from "@/lib/generated/prisma/client";
import type { InvitableRole } from "@/lib/meetings/roles";
import { assertHost, type Actor } from "@/lib/meetings/actors";
import { assertMeetingOpen, InviteNotFound } from "@/lib/meetings/errors";
import { generateInviteToken, sealInviteToken } from "@/lib/meetings/invite-token";
import { inviteUrl } from "@/lib/meetings/links";

/** Invite links beyond the default one: each with a role, an optional expiry and use limit. */
export async function createInvite(
  meeting: Meeting,
  actor: Actor,
  options: { role: InvitableRole; expiresInMinutes?: number; maxUses?: number },
) {
  assertHost(actor);
  assertMeetingOpen(meeting);
  const token = generateInviteToken();
  const invite = await db().invite.create({
    data: {
      meetingId: meeting.id,
      role: options.role,
      tokenHash: token.hash,
      tokenSealed: sealInviteToken(token.raw, serverEnv().AUTH_SECRET),
      // Only the host creates invites (the actor may be recognised by their member cookie).
      createdById: meeting.hostId,
      expiresAt: options.expiresInMinutes ? new Date(Date.now() + options.expiresInMinutes * 60_000) : null,
      maxUses: options.maxUses ?? null,
    },
  });
  return { invite, url: inviteUrl(token.raw) };
}

export async function revokeInvite(meeting: Meeting, actor: Actor, inviteId: string) {
  assertHost(actor);
  const { count } = await db().invite.updateMany({
    where: { id: inviteId, meetingId: meeting.id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw new InviteNotFound();
}

/** A new token for the same invite: the old link stops working at once. */
export async function rotateInvite(meeting: Meeting, actor: Actor, inviteId: string) {
  assertHost(actor);
  assertMeetingOpen(meeting);
  const token = generateInviteToken();
  const { count } = await db().invite.updateMany({
    where: { id: inviteId, meetingId: meeting.id, revokedAt: null },
    data: { tokenHash: token.hash, tokenSealed: sealInviteToken(token.raw, serverEnv().AUTH_SECRET), uses: 0 },
  });
  if (count === 0) throw new InviteNotFound();
  return { url: inviteUrl(token.raw) };
}
