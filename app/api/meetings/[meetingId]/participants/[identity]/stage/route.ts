import { participantAction } from "@/lib/http/participant-route";
import { setOnStage } from "@/lib/meetings/moderation";
import { stageSchema } from "@/lib/validations/moderation";

export const dynamic = "force-dynamic";

/** Bring a viewer on stage (publishing allowed live) or back to the audience. */
export const POST = participantAction(stageSchema, async (meeting, actor, identity, body) => {
  const member = await setOnStage(meeting, actor, identity, body.onStage);
  return { identity: member.identity, onStage: member.onStage };
});
