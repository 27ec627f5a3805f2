import { db } from "@/lib/db";
import { handleRoute } from "@/lib/http/handle";
import { describeInvite } from "@/lib/meetings/join";
import { calendarFile } from "@/lib/meetings/invitations";
import { enforceRateLimit } from "@/lib/rate-limit";

export const dynamic = "force-dynamic";

/** The meeting behind an invite link as an .ics file: holding the link is the authorization. */
export async function GET(request: Request, context: { params: Promise<{ token: string }> }) {
  return handleRoute(async () => {
    await enforceRateLimit(request, "inviteLookup");
    const invite = await describeInvite((await context.params).token);
    return calendarFile(await db().meeting.findUniqueOrThrow({ where: { id: invite.meetingId } }));
  });
}
