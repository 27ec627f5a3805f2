import { handleRoute } from "@/lib/http/handle";
import { parseJsonBody } from "@/lib/http/responses";
import { joinWithInvite } from "@/lib/meetings/join";
import { getCurrentUser } from "@/lib/session";
import { joinRequestSchema } from "@/lib/validations/meeting";

export const dynamic = "force-dynamic";

/** Join through an invite link: checks the invite and the meeting, then issues a token. */
export async function POST(request: Request, context: { params: Promise<{ token: string }> }) {
  return handleRoute(async () => {
    const body = await parseJsonBody(request, joinRequestSchema);
    if (!body.ok) return body.response;
    const { token } = await context.params;

    const grant = await joinWithInvite(token, await getCurrentUser(), body.data.name);
    return Response.json(grant, { headers: { "Cache-Control": "no-store" } });
  });
}
