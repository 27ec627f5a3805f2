import { meetingRoute, parseInviteId } from "@/lib/http/meeting-route";
import { revokeInvite } from "@/lib/meetings/invites";

export const dynamic = "force-dynamic";

/** Revoke an invite link: it stops working at once (host only). */
export const POST = meetingRoute<{ inviteId: string }>(async ({ meeting, actor, params }) => {
  await revokeInvite(meeting, actor, parseInviteId(params.inviteId));
  return new Response(null, { status: 204 });
});
