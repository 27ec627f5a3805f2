import { handleRoute } from "@/lib/http/handle";
import { loadMeetingContext } from "@/lib/http/meeting-context";
import { apiError, parseWith } from "@/lib/http/responses";
import { rotateInvite } from "@/lib/meetings/invites";
import { inviteIdSchema } from "@/lib/validations/moderation";

export const dynamic = "force-dynamic";

/** Replace an invite link's token: the old link dies at once, the new one is returned. */
export async function POST(_request: Request, context: { params: Promise<{ meetingId: string; inviteId: string }> }) {
  return handleRoute(async () => {
    const params = await context.params;
    const { meeting, actor } = await loadMeetingContext(params.meetingId);
    const inviteId = parseWith(inviteIdSchema, params.inviteId);
    if (!inviteId.ok) return apiError(404, "invite_not_found", "That invite link does not exist.");

    return Response.json(await rotateInvite(meeting, actor, inviteId.data));
  });
}
