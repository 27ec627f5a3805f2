import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { db, sql } from "@/lib/db";
import type { Invite, MeetingMember, Role } from "@/lib/generated/prisma/client";
import { InviteExpired } from "@/lib/meetings/errors";
import { INVITE_USED_UP_MESSAGE } from "@/lib/meetings/invite-rules";
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

/**
 * Records an admission (or refreshes it: a new cookie secret and the name given this time) and
 * hands out a fresh cookie secret. With `inviteUse`, the same statement counts a use of that
 * invite: both are written or neither, and an invite that was revoked or has no use left
 * admits no one (InviteExpired), even when two people race for its last use.
 *
 * One SQL statement rather than Prisma's upsert after an update: no use is counted for an
 * admission that failed, and a guest join makes one statement fewer (557 → 647 req/s in the
 * token benchmark, docs/decisions/032-token-throughput.md, amendment (a)).
 */
export async function admitMember(
  input: { meetingId: string; identity: string; userId: string | null; displayName: string; role: Role },
  inviteUse?: Pick<Invite, "id">,
): Promise<{ member: MeetingMember; credential: MemberCredential }> {
  const { secret, hash } = newSecret();
  const inviteId = inviteUse?.id ?? null;
  // A data-modifying WITH runs whether or not the INSERT reads it; without an invite its
  // UPDATE matches no row (id = NULL) and the INSERT goes ahead on its own.
  const [member] = await sql<MeetingMember>(
    `WITH used AS (
      UPDATE "Invite" SET "uses" = "uses" + 1
      WHERE "id" = $1 AND "revokedAt" IS NULL AND ("maxUses" IS NULL OR "uses" < "maxUses")
      RETURNING "id"
    )
    INSERT INTO "MeetingMember" AS m ("id", "meetingId", "identity", "userId", "displayName", "role", "secretHash")
    SELECT $2, $3, $4, $5, $6, $7::"Role", $8
    WHERE $1::text IS NULL OR EXISTS (SELECT 1 FROM used)
    ON CONFLICT ("meetingId", "identity") DO UPDATE SET "displayName" = EXCLUDED."displayName", "secretHash" = EXCLUDED."secretHash"
    RETURNING m.*`,
    [inviteId, randomUUID(), input.meetingId, input.identity, input.userId, input.displayName, input.role, hash],
  );
  if (!member) throw new InviteExpired(INVITE_USED_UP_MESSAGE);
  return { member, credential: { meetingId: member.meetingId, memberId: member.id, secret } };
}
