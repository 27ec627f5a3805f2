import { handleRoute } from "@/lib/http/handle";
import { loadMeetingContext } from "@/lib/http/meeting-context";
import { cancelMeeting } from "@/lib/meetings/schedule";

export const dynamic = "force-dynamic";

/** Call off a meeting that has not started (host only); invitees get a METHOD:CANCEL. */
export async function POST(_request: Request, context: { params: Promise<{ meetingId: string }> }) {
  return handleRoute(async () => {
    const { meeting, actor } = await loadMeetingContext((await context.params).meetingId);
    const { meeting: cancelled, notified } = await cancelMeeting(meeting, actor);
    return Response.json({ status: cancelled.status, cancelledAt: cancelled.cancelledAt, notified });
  });
}
