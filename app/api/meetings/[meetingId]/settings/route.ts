import { meetingRouteWithBody } from "@/lib/http/meeting-route";
import { updateMeetingSettings } from "@/lib/meetings/moderation";
import { settingsSchema } from "@/lib/validations/moderation";

export const dynamic = "force-dynamic";

/** Lock the meeting or turn the lobby on/off (host and co-hosts). */
export const PATCH = meetingRouteWithBody(settingsSchema, async ({ meeting, actor }, body) => {
  const updated = await updateMeetingSettings(meeting, actor, body);
  return Response.json({ locked: updated.locked, lobbyEnabled: updated.lobbyEnabled });
});
