import { handleRoute } from "@/lib/http/handle";
import { loadMeetingContext } from "@/lib/http/meeting-context";
import { apiError, parseJsonBody } from "@/lib/http/responses";
import { listChatMessages, postChatMessage } from "@/lib/meetings/chat";
import { limitRequest } from "@/lib/rate-limit";
import { chatMessageSchema } from "@/lib/validations/schedule";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ meetingId: string }> };

/** The chat so far (members and the host), for people who join late. */
export async function GET(_request: Request, context: Context) {
  return handleRoute(async () => {
    const { meeting, actor } = await loadMeetingContext((await context.params).meetingId);
    return Response.json({ messages: await listChatMessages(meeting, actor) }, { headers: { "Cache-Control": "no-store" } });
  });
}

/** Send a message: stored with the sender as the server knows them, then relayed to the room. */
export async function POST(request: Request, context: Context) {
  return handleRoute(async () => {
    const { meeting, actor } = await loadMeetingContext((await context.params).meetingId);
    const body = await parseJsonBody(request, chatMessageSchema);
    if (!body.ok) return body.response;
    if (actor.role !== null) {
      const refused = await limitRequest(request, "chatMessage", `${meeting.id}:${actor.identity}`);
      if (refused) return apiError(429, "rate_limited", `You are sending messages too fast. ${await retryText(refused)}`);
    }
    return Response.json(await postChatMessage(meeting, actor, body.data.text), { status: 201 });
  });
}

async function retryText(refused: Response): Promise<string> {
  const seconds = refused.headers.get("retry-after");
  return seconds ? `Try again in ${seconds} ${seconds === "1" ? "second" : "seconds"}.` : "Try again in a moment.";
}
