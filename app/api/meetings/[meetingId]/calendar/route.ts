import { meetingRoute } from "@/lib/http/meeting-route";
import { assertHost } from "@/lib/meetings/actors";
import { calendarFile } from "@/lib/meetings/invitations";

export const dynamic = "force-dynamic";

/** The scheduled meeting as an .ics file (host only; invitees download it from their link). */
export const GET = meetingRoute(async ({ meeting, actor }) => {
  assertHost(actor);
  return calendarFile(meeting);
});
