import { setMemberCookie } from "@/lib/http/meeting-context";
import { meetingRouteWithBody } from "@/lib/http/meeting-route";
import { joinAsHost } from "@/lib/meetings/join";
import { joinRequestSchema } from "@/lib/validations/meeting";

export const dynamic = "force-dynamic";

/** The host's LiveKit token for their own meeting. */
export const POST = meetingRouteWithBody(joinRequestSchema, async ({ meeting, actor, user }, body) => {
  const { grant, credential } = await joinAsHost(meeting, actor, user, body.name);
  await setMemberCookie(credential);
  return Response.json(grant, { headers: { "Cache-Control": "no-store" } });
});
