import { participantAction } from "@/lib/http/participant-route";
import { muteParticipant } from "@/lib/meetings/moderation";
import { muteSchema } from "@/lib/validations/moderation";

export const dynamic = "force-dynamic";

/** Mute someone's microphone or camera (host and co-hosts). */
export const POST = participantAction(muteSchema, (meeting, actor, identity, body) =>
  muteParticipant(meeting, actor, identity, body.source),
);
