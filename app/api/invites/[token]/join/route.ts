import { handleRoute } from "@/lib/http/handle";
import { readMemberCookie, setKnockCookie, setMemberCookie } from "@/lib/http/meeting-context";
import { parseJsonBody } from "@/lib/http/responses";
import { joinWithInvite } from "@/lib/meetings/join";
import { enforceRateLimit } from "@/lib/rate-limit";
import { getCurrentUser } from "@/lib/session";
import { joinRequestSchema } from "@/lib/validations/meeting";

export const dynamic = "force-dynamic";

/**
 * Join through an invite link: checks the invite and the meeting, then answers 200 with a
 * LiveKit token, or 202 when the lobby is on and the caller must wait to be admitted.
 */
export async function POST(request: Request, context: { params: Promise<{ token: string }> }) {
  return handleRoute(async () => {
    const { token } = await context.params;
    await enforceRateLimit(request, "joinToken", token);
    const body = await parseJsonBody(request, joinRequestSchema);
    if (!body.ok) return body.response;

    const limitKnocks = () => enforceRateLimit(request, "knock", token);
    const outcome = await joinWithInvite(token, await getCurrentUser(), body.data.name, readMemberCookie, limitKnocks);
    if (outcome.kind === "waiting") {
      await setKnockCookie(outcome.knock);
      return Response.json({ status: "waiting", knockId: outcome.knock.knockId }, { status: 202 });
    }
    await setMemberCookie(outcome.credential);
    return Response.json(outcome.grant, { headers: { "Cache-Control": "no-store" } });
  });
}
