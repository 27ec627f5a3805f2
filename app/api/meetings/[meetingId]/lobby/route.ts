import { meetingRoute } from "@/lib/http/meeting-route";
import { listWaiting } from "@/lib/meetings/lobby";

export const dynamic = "force-dynamic";

/** Who is waiting in the lobby, and whether the meeting is locked (host and co-hosts). */
export const GET = meetingRoute(async ({ meeting, actor }) => {
  const waiting = await listWaiting(meeting.id, actor);
  return Response.json(
    { waiting, locked: meeting.locked, lobbyEnabled: meeting.lobbyEnabled },
    { headers: { "Cache-Control": "no-store" } },
  );
});
