import { handleRoute } from "@/lib/http/handle";
import { readMemberCookie, setKnockCookie, setMemberCookie } from "@/lib/http/meeting-context";
import { parseJsonBody } from "@/lib/http/responses";
import { RateLimited } from "@/lib/meetings/errors";
import { joinWithInvite } from "@/lib/meetings/join";
import { limitRequest } from "@/lib/rate-limit";
import { getCurrentUser } from "@/lib/session";
import { joinRequestSchema } from "@/lib/validations/meeting";

export const dynamic = "force-dynamic";

/**
 * Join through an invite link: checks the invite and the meeting, then answers 200 with a
 * LiveKit token, or 202 when the lobby is on and the caller must wait to be admitted.
 */
export async function POST(request: Request, context: { params: Promise<{ token: string }> }) {
  return (
    (await limitRequest(request, "joinToken", (await context.params).token)) ??
    handleRoute(async () => {
      const body = await parseJsonBody(request, joinRequestSchema);
      if (!body.ok) return body.response;
      const { token } = await context.params;

      const limitKnocks = async () => {
        const refused = await limitRequest(request, "knock", token);
        if (refused) throw new RateLimited(Number(refused.headers.get("Retry-After") ?? 60));
      };

      const outcome = await joinWithInvite(token, await getCurrentUser(), body.data.name, readMemberCookie, limitKnocks);
      if (outcome.kind === "waiting") {
        await setKnockCookie(outcome.knock);
        return Response.json({ status: "waiting", knockId: outcome.knock.knockId }, { status: 202 });
      }
      await setMemberCookie(outcome.credential);
      return Response.json(outcome.grant, { headers: { "Cache-Control": "no-store" } });
    })
  );
}
