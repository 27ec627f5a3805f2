import { handleRoute } from "@/lib/http/handle";
import { loadMeetingContext } from "@/lib/http/meeting-context";
import { assertHost } from "@/lib/meetings/actors";
import { calendarFile } from "@/lib/meetings/invitations";

export const dynamic = "force-dynamic";

/** The scheduled meeting as an .ics file (host only; invitees download it from their link). */
export async function GET(_request: Request, context: { params: Promise<{ meetingId: string }> }) {
  return handleRoute(async () => {
    const { meeting, actor } = await loadMeetingContext((await context.params).meetingId);
    assertHost(actor);
    return calendarFile(meeting);
  });
}
