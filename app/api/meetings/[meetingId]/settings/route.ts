import { handleRoute } from "@/lib/http/handle";
import { loadMeetingContext } from "@/lib/http/meeting-context";
import { parseJsonBody } from "@/lib/http/responses";
import { updateMeetingSettings } from "@/lib/meetings/moderation";
import { settingsSchema } from "@/lib/validations/moderation";

export const dynamic = "force-dynamic";

/** Lock the meeting or turn the lobby on/off (host and co-hosts). */
export async function PATCH(request: Request, context: { params: Promise<{ meetingId: string }> }) {
  return handleRoute(async () => {
    const { meeting, actor } = await loadMeetingContext((await context.params).meetingId);
    const body = await parseJsonBody(request, settingsSchema);
    if (!body.ok) return body.response;

    const updated = await updateMeetingSettings(meeting, actor, body.data);
    return Response.json({ locked: updated.locked, lobbyEnabled: updated.lobbyEnabled });
  });
}
