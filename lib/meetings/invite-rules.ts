import type { Invite, Meeting } from "@/lib/generated/prisma/client";
import { assertMeetingOpen, InviteExpired } from "@/lib/meetings/errors";

export const INVITE_USED_UP_MESSAGE = "This invite link has been used as many times as the host allowed.";

/**
 * Whether an invite still lets someone new in: its meeting has not ended or been cancelled, it has not expired
 * (an expiry equal to now counts as expired), and it has uses left. Revoked invites never get
 * this far (they are "not valid"). Pure, so the rules are unit-tested (invite-rules.test.ts).
 */
export function assertInviteUsable(
  invite: Pick<Invite, "expiresAt" | "maxUses" | "uses"> & { meeting: Pick<Meeting, "status"> },
  now: Date = new Date(),
): void {
  assertMeetingOpen(invite.meeting);
  if (invite.expiresAt && invite.expiresAt <= now) throw new InviteExpired();
  if (invite.maxUses !== null && invite.uses >= invite.maxUses) throw new InviteExpired(INVITE_USED_UP_MESSAGE);
}
