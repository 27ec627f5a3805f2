import { meetingRoute } from "@/lib/http/meeting-route";
import { cancelMeeting } from "@/lib/meetings/schedule";

export const dynamic = "force-dynamic";

/** Call off a meeting that has not started (host only); invitees get a METHOD:CANCEL. */
export const POST = meetingRoute(async ({ meeting, actor }) => {
  const { meeting: cancelled, notified } = await cancelMeeting(meeting, actor);
  return Response.json({ status: cancelled.status, cancelledAt: cancelled.cancelledAt, notified });
});
