import { handleRoute } from "@/lib/http/handle";
import { readKnockCookie, setMemberCookie } from "@/lib/http/meeting-context";
import { apiError, parseWith } from "@/lib/http/responses";
import { checkKnock } from "@/lib/meetings/lobby";
import { knockIdSchema } from "@/lib/validations/moderation";

export const dynamic = "force-dynamic";

/**
 * The waiting browser asks how its knock went (it polls): 202 while waiting, 403 when
 * denied, 200 with the LiveKit token once admitted. Only the browser that knocked can ask.
 */
export async function POST(_request: Request, context: { params: Promise<{ knockId: string }> }) {
  return handleRoute(async () => {
    const knockId = parseWith(knockIdSchema, (await context.params).knockId);
    if (!knockId.ok) return apiError(404, "knock_not_found", "That request to join does not exist.");

    const outcome = await checkKnock(knockId.data, await readKnockCookie(knockId.data));
    if (outcome.kind === "waiting") return Response.json({ status: "waiting" }, { status: 202 });
    await setMemberCookie(outcome.credential);
    return Response.json(outcome.grant, { headers: { "Cache-Control": "no-store" } });
  });
}
