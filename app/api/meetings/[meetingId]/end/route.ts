import { handleRoute } from "@/lib/http/handle";
import { loadMeetingContext } from "@/lib/http/meeting-context";
import { endMeetingForAll } from "@/lib/meetings/end";

export const dynamic = "force-dynamic";

/** End the meeting for everyone (host only). */
export async function POST(_request: Request, context: { params: Promise<{ meetingId: string }> }) {
  return handleRoute(async () => {
    const { meeting, actor } = await loadMeetingContext((await context.params).meetingId);
    const ended = await endMeetingForAll(meeting, actor);
    return Response.json({ id: ended.id, status: ended.status, endedAt: ended.endedAt });
  });
}
