import { meetingRouteWithBody } from "@/lib/http/meeting-route";
import { setOwnHand } from "@/lib/meetings/hands";
import { handSchema } from "@/lib/validations/moderation";

export const dynamic = "force-dynamic";

/** Raise or lower your own hand (anyone admitted to the meeting, viewers included). */
export const POST = meetingRouteWithBody(handSchema, async ({ meeting, actor }, body) =>
  Response.json(await setOwnHand(meeting, actor, body.raised)),
);
