import { meetingRouteWithBody } from "@/lib/http/meeting-route";
import { assertHost } from "@/lib/meetings/actors";
import { inviteByEmail } from "@/lib/meetings/invitations";
import { enforceRateLimit } from "@/lib/rate-limit";
import { emailInvitationSchema } from "@/lib/validations/schedule";

export const dynamic = "force-dynamic";

/**
 * Invite by email (host only): one mail per address with the link and a calendar request.
 * Answers 200 with each address's outcome (sent, or failed with the reason): a bad address
 * does not stop the others.
 */
export const POST = meetingRouteWithBody(emailInvitationSchema, async ({ meeting, actor, request }, body) => {
  assertHost(actor);
  await enforceRateLimit(request, "emailInvitations", meeting.hostId);
  return Response.json({ results: await inviteByEmail(meeting, actor, body.emails) });
});
