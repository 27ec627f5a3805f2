import { handleRoute } from "@/lib/http/handle";
import { loadMeetingContext } from "@/lib/http/meeting-context";
import { parseIdentity, type ParticipantRouteContext } from "@/lib/http/participant-route";
import { parseJsonBody } from "@/lib/http/responses";
import { setCoHost } from "@/lib/meetings/moderation";
import { coHostSchema } from "@/lib/validations/moderation";

export const dynamic = "force-dynamic";

/** Promote to co-host or demote to participant (host only). */
export async function POST(request: Request, context: ParticipantRouteContext) {
  return handleRoute(async () => {
    const params = await context.params;
    const { meeting, actor } = await loadMeetingContext(params.meetingId);
    const identity = parseIdentity(params.identity);
    const body = await parseJsonBody(request, coHostSchema);
    if (!body.ok) return body.response;

    const member = await setCoHost(meeting, actor, identity, body.data.coHost);
    return Response.json({ identity: member.identity, role: member.role });
  });
}
