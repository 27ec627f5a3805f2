import { handleRoute } from "@/lib/http/handle";
import { loadMeetingContext } from "@/lib/http/meeting-context";
import { apiError, parseJsonBody, parseWith } from "@/lib/http/responses";
import { decideKnock } from "@/lib/meetings/lobby";
import { decisionSchema, knockIdSchema } from "@/lib/validations/moderation";

export const dynamic = "force-dynamic";

/** Admit or deny someone waiting in the lobby (host and co-hosts). */
export async function POST(request: Request, context: { params: Promise<{ meetingId: string; knockId: string }> }) {
  return handleRoute(async () => {
    const params = await context.params;
    const { meeting, actor } = await loadMeetingContext(params.meetingId);
    const knockId = parseWith(knockIdSchema, params.knockId);
    if (!knockId.ok) return apiError(404, "knock_not_found", "That request to join does not exist.");
    const body = await parseJsonBody(request, decisionSchema);
    if (!body.ok) return body.response;

    await decideKnock(meeting.id, knockId.data, actor, body.data.admit);
    return new Response(null, { status: 204 });
  });
}
