import { meetingRouteWithBody } from "@/lib/http/meeting-route";
import { createInvite } from "@/lib/meetings/invites";
import { createInviteSchema } from "@/lib/validations/moderation";

export const dynamic = "force-dynamic";

/** Create another invite link, with a role, optional expiry and maximum uses (host only). */
export const POST = meetingRouteWithBody(createInviteSchema, async ({ meeting, actor }, body) => {
  const { invite, url } = await createInvite(meeting, actor, body);
  return Response.json({ id: invite.id, role: invite.role, url, expiresAt: invite.expiresAt, maxUses: invite.maxUses }, { status: 201 });
});
