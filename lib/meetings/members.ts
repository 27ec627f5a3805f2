import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { db } from "@/lib/db";
import type { MeetingMember, Role } from "@/lib/generated/prisma/client";
import { guestIdentity, userIdentity } from "@/lib/meetings/roles";
import type { CurrentUser } from "@/lib/session";

/**
 * Meeting membership: who was admitted, with which identity and role. Signed-in people are
 * recognised by their session (identity `user_<id>`, lib/meetings/roles.ts); guests by a per-meeting cookie holding
 * `<memberId>.<secret>`, of which the database keeps only a hash. That credential is what
 * lets a guest co-host moderate, and anyone rejoin after a dropped connection without
 * knocking again or using up the invite.
 */
export const memberCookieName = (meetingId: string) => `parley_member_${meetingId}`;
export const knockCookieName = (knockId: string) => `parley_knock_${knockId}`;

export function identityFor(user: CurrentUser | null, guestId: string): string {
  return user ? userIdentity(user.id) : guestIdentity(guestId);
}

export function newSecret(): { secret: string; hash: string } {
  const secret = randomBytes(32).toString("base64url");
  return { secret, hash: hashSecret(secret) };
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function secretMatches(secret: string, hash: string): boolean {
  const a = Buffer.from(hashSecret(secret), "hex");
  const b = Buffer.from(hash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The member this request speaks for, from the session or the member cookie; or null. */
export async function findMember(
  meetingId: string,
  caller: CurrentUser | null,
  memberCookie: string | undefined,
): Promise<MeetingMember | null> {
  if (caller) {
    return db().meetingMember.findUnique({
      where: { meetingId_identity: { meetingId, identity: identityFor(caller, "") } },
    });
  }
  const [memberId, secret] = (memberCookie ?? "").split(".");
  if (!memberId || !secret) return null;
  const member = await db().meetingMember.findUnique({ where: { id: memberId } });
  if (!member || member.meetingId !== meetingId || !secretMatches(secret, member.secretHash)) return null;
  return member;
}

export interface MemberCredential {
  meetingId: string;
  memberId: string;
  secret: string;
}

/** Records an admission (or refreshes it) and hands out a fresh cookie secret. */
export async function admitMember(input: {
  meetingId: string;
  identity: string;
  userId: string | null;
  displayName: string;
  role: Role;
}): Promise<{ member: MeetingMember; credential: MemberCredential }> {
  const { secret, hash } = newSecret();
  const member = await db().meetingMember.upsert({
    where: { meetingId_identity: { meetingId: input.meetingId, identity: input.identity } },
    create: { ...input, secretHash: hash },
    update: { displayName: input.displayName, secretHash: hash },
  });
  return { member, credential: { meetingId: member.meetingId, memberId: member.id, secret } };
}
