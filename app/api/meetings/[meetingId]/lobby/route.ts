import { handleRoute } from "@/lib/http/handle";
import { loadMeetingContext } from "@/lib/http/meeting-context";
import { listWaiting } from "@/lib/meetings/lobby";

export const dynamic = "force-dynamic";

/** Who is waiting in the lobby, and whether the meeting is locked (host and co-hosts). */
export async function GET(_request: Request, context: { params: Promise<{ meetingId: string }> }) {
  return handleRoute(async () => {
    const { meeting, actor } = await loadMeetingContext((await context.params).meetingId);
    const waiting = await listWaiting(meeting.id, actor);
    return Response.json(
      { waiting, locked: meeting.locked, lobbyEnabled: meeting.lobbyEnabled },
      { headers: { "Cache-Control": "no-store" } },
    );
  });
}
