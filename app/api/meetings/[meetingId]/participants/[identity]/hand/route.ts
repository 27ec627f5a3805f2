import { participantAction } from "@/lib/http/participant-route";
import { lowerHandOf } from "@/lib/meetings/hands";
import { lowerHandSchema } from "@/lib/validations/moderation";

export const dynamic = "force-dynamic";

/** A host or co-host lowers someone's raised hand. */
export const POST = participantAction(lowerHandSchema, (meeting, actor, identity) => lowerHandOf(meeting, actor, identity));
