import { handleRoute } from "@/lib/http/handle";
import { loadMeetingContext, setMemberCookie } from "@/lib/http/meeting-context";
import { parseJsonBody } from "@/lib/http/responses";
import { joinAsHost } from "@/lib/meetings/join";
import { joinRequestSchema } from "@/lib/validations/meeting";

export const dynamic = "force-dynamic";

/** The host's LiveKit token for their own meeting. */
export async function POST(request: Request, context: { params: Promise<{ meetingId: string }> }) {
  return handleRoute(async () => {
    const { meeting, actor, user } = await loadMeetingContext((await context.params).meetingId);
    const body = await parseJsonBody(request, joinRequestSchema);
    if (!body.ok) return body.response;

    const { grant, credential } = await joinAsHost(meeting, actor, user, body.data.name);
    await setMemberCookie(credential);
    return Response.json(grant, { headers: { "Cache-Control": "no-store" } });
  });
}
