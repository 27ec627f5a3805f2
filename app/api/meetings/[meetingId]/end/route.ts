import { errorResponse, handleRoute } from "@/lib/http/handle";
import { MeetingNotFound } from "@/lib/meetings/errors";
import { apiError, parseWith } from "@/lib/http/responses";
import { endMeetingForAll } from "@/lib/meetings/end";
import { getCurrentUser } from "@/lib/session";
import { meetingIdSchema } from "@/lib/validations/meeting";

export const dynamic = "force-dynamic";

/** End the meeting for everyone (host only). */
export async function POST(_request: Request, context: { params: Promise<{ meetingId: string }> }) {
  return handleRoute(async () => {
    const user = await getCurrentUser();
    if (!user) return apiError(401, "not_signed_in", "Please sign in to end a meeting.");
    const meetingId = parseWith(meetingIdSchema, (await context.params).meetingId);
    if (!meetingId.ok) return errorResponse(new MeetingNotFound());

    const meeting = await endMeetingForAll(meetingId.data, user);
    return Response.json({ id: meeting.id, status: meeting.status, endedAt: meeting.endedAt });
  });
}
