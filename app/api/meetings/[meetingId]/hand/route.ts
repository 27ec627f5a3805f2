import { handleRoute } from "@/lib/http/handle";
import { loadMeetingContext } from "@/lib/http/meeting-context";
import { parseJsonBody } from "@/lib/http/responses";
import { setOwnHand } from "@/lib/meetings/hands";
import { handSchema } from "@/lib/validations/moderation";

export const dynamic = "force-dynamic";

/** Raise or lower your own hand (anyone admitted to the meeting, viewers included). */
export async function POST(request: Request, context: { params: Promise<{ meetingId: string }> }) {
  return handleRoute(async () => {
    const { meeting, actor } = await loadMeetingContext((await context.params).meetingId);
    const body = await parseJsonBody(request, handSchema);
    if (!body.ok) return body.response;
    return Response.json(await setOwnHand(meeting, actor, body.data.raised));
  });
}
