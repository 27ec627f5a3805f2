import { handleRoute } from "@/lib/http/handle";
import { loadMeetingContext } from "@/lib/http/meeting-context";
import { parseJsonBody } from "@/lib/http/responses";
import { muteParticipant } from "@/lib/meetings/moderation";
import { muteSchema } from "@/lib/validations/moderation";
import { parseIdentity, type ParticipantRouteContext } from "@/lib/http/participant-route";

export const dynamic = "force-dynamic";

/** Mute someone's microphone or camera (host and co-hosts). */
export async function POST(request: Request, context: ParticipantRouteContext) {
  return handleRoute(async () => {
    const params = await context.params;
    const { meeting, actor } = await loadMeetingContext(params.meetingId);
    const identity = parseIdentity(params.identity);
    const body = await parseJsonBody(request, muteSchema);
    if (!body.ok) return body.response;

    const result = await muteParticipant(meeting, actor, identity, body.data.source);
    return Response.json(result);
  });
}
