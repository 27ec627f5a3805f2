import { handleRoute } from "@/lib/http/handle";
import { loadMeetingContext } from "@/lib/http/meeting-context";
import { parseJsonBody } from "@/lib/http/responses";
import { createInvite } from "@/lib/meetings/invites";
import { createInviteSchema } from "@/lib/validations/moderation";

export const dynamic = "force-dynamic";

/** Create another invite link, with a role, optional expiry and maximum uses (host only). */
export async function POST(request: Request, context: { params: Promise<{ meetingId: string }> }) {
  return handleRoute(async () => {
    const { meeting, actor } = await loadMeetingContext((await context.params).meetingId);
    const body = await parseJsonBody(request, createInviteSchema);
    if (!body.ok) return body.response;

    const { invite, url } = await createInvite(meeting, actor, body.data);
    return Response.json({ id: invite.id, role: invite.role, url, expiresAt: invite.expiresAt, maxUses: invite.maxUses }, { status: 201 });
  });
}
