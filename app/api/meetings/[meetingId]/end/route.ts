import { meetingRoute } from "@/lib/http/meeting-route";
import { endMeetingForAll } from "@/lib/meetings/end";

export const dynamic = "force-dynamic";

/** End the meeting for everyone (host only). */
export const POST = meetingRoute(async ({ meeting, actor }) => {
  const ended = await endMeetingForAll(meeting, actor);
  return Response.json({ id: ended.id, status: ended.status, endedAt: ended.endedAt });
});
