import { handleRoute } from "@/lib/http/handle";
import { loadMeetingContext } from "@/lib/http/meeting-context";
import { parseIdentity, type ParticipantRouteContext } from "@/lib/http/participant-route";
import { parseJsonBody } from "@/lib/http/responses";
import { setOnStage } from "@/lib/meetings/moderation";
import { stageSchema } from "@/lib/validations/moderation";

export const dynamic = "force-dynamic";

/** Bring a viewer on stage (publishing allowed live) or back to the audience. */
export async function POST(request: Request, context: ParticipantRouteContext) {
  return handleRoute(async () => {
    const params = await context.params;
    const { meeting, actor } = await loadMeetingContext(params.meetingId);
    const identity = parseIdentity(params.identity);
    const body = await parseJsonBody(request, stageSchema);
    if (!body.ok) return body.response;

    const member = await setOnStage(meeting, actor, identity, body.data.onStage);
    return Response.json({ identity: member.identity, onStage: member.onStage });
  });
}
