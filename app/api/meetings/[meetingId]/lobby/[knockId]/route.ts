import { meetingRouteWithBody, parseKnockId } from "@/lib/http/meeting-route";
import { decideKnock } from "@/lib/meetings/lobby";
import { decisionSchema } from "@/lib/validations/moderation";

export const dynamic = "force-dynamic";

/** Admit or deny someone waiting in the lobby (host and co-hosts). */
export const POST = meetingRouteWithBody<typeof decisionSchema, { knockId: string }>(
  decisionSchema,
  async ({ meeting, actor, params }, body) => {
    await decideKnock(meeting.id, parseKnockId(params.knockId), actor, body.admit);
    return new Response(null, { status: 204 });
  },
);
