import { participantAction } from "@/lib/http/participant-route";
import { setCoHost } from "@/lib/meetings/moderation";
import { coHostSchema } from "@/lib/validations/moderation";

export const dynamic = "force-dynamic";

/** Promote to co-host or demote to participant (host only). */
export const POST = participantAction(coHostSchema, async (meeting, actor, identity, body) => {
  const member = await setCoHost(meeting, actor, identity, body.coHost);
  return { identity: member.identity, role: member.role };
});
