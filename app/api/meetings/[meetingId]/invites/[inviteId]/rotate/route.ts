import { meetingRoute, parseInviteId } from "@/lib/http/meeting-route";
import { rotateInvite } from "@/lib/meetings/invites";

export const dynamic = "force-dynamic";

/** Replace an invite link's token: the old link dies at once, the new one is returned (host only). */
export const POST = meetingRoute<{ inviteId: string }>(async ({ meeting, actor, params }) =>
  Response.json(await rotateInvite(meeting, actor, parseInviteId(params.inviteId))),
);
