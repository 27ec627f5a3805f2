import { errorResponse, handleRoute } from "@/lib/http/handle";
import { MeetingNotFound } from "@/lib/meetings/errors";
import { setMemberCookie } from "@/lib/http/meeting-context";
import { apiError, parseJsonBody, parseWith } from "@/lib/http/responses";
import { joinAsHost } from "@/lib/meetings/join";
import { getCurrentUser } from "@/lib/session";
import { joinRequestSchema, meetingIdSchema } from "@/lib/validations/meeting";

export const dynamic = "force-dynamic";

/** The host's LiveKit token for their own meeting. */
export async function POST(request: Request, context: { params: Promise<{ meetingId: string }> }) {
  return handleRoute(async () => {
    const user = await getCurrentUser();
    if (!user) return apiError(401, "not_signed_in", "Please sign in to start your meeting.");
    const meetingId = parseWith(meetingIdSchema, (await context.params).meetingId);
    if (!meetingId.ok) return errorResponse(new MeetingNotFound());
    const body = await parseJsonBody(request, joinRequestSchema);
    if (!body.ok) return body.response;

    const { grant, credential } = await joinAsHost(meetingId.data, user, body.data.name);
    await setMemberCookie(credential);
    return Response.json(grant, { headers: { "Cache-Control": "no-store" } });
  });
}
