import { handleRoute } from "@/lib/http/handle";
import { loadMeetingContext } from "@/lib/http/meeting-context";
import { parseIdentity, type ParticipantRouteContext } from "@/lib/http/participant-route";
import { removeParticipant } from "@/lib/meetings/moderation";

export const dynamic = "force-dynamic";

/** Remove someone from the call; they cannot rejoin this meeting (host and co-hosts). */
export async function POST(_request: Request, context: ParticipantRouteContext) {
  return handleRoute(async () => {
    const params = await context.params;
    const { meeting, actor } = await loadMeetingContext(params.meetingId);
    await removeParticipant(meeting, actor, parseIdentity(params.identity));
    return new Response(null, { status: 204 });
  });
}
