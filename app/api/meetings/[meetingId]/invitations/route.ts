import { handleRoute } from "@/lib/http/handle";
import { loadMeetingContext } from "@/lib/http/meeting-context";
import { parseJsonBody } from "@/lib/http/responses";
import { assertHost } from "@/lib/meetings/actors";
import { inviteByEmail } from "@/lib/meetings/invitations";
import { limitRequest } from "@/lib/rate-limit";
import { emailInvitationSchema } from "@/lib/validations/schedule";

export const dynamic = "force-dynamic";

/**
 * Invite by email (host only): one mail per address with the link and a calendar request.
 * Answers 200 with each address's outcome (sent, or failed with the reason): a bad address
 * does not stop the others.
 */
export async function POST(request: Request, context: { params: Promise<{ meetingId: string }> }) {
  return handleRoute(async () => {
    const { meeting, actor } = await loadMeetingContext((await context.params).meetingId);
    assertHost(actor);
    const body = await parseJsonBody(request, emailInvitationSchema);
    if (!body.ok) return body.response;
    const refused = await limitRequest(request, "emailInvitations", meeting.hostId);
    if (refused) return refused;

    return Response.json({ results: await inviteByEmail(meeting, actor, body.data.emails) });
  });
}
