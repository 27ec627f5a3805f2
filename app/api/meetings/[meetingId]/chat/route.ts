import { handleRoute } from "@/lib/http/handle";
import { loadMeetingContext, readMemberCookie, type MeetingContext } from "@/lib/http/meeting-context";
import { apiError, parseJsonBody } from "@/lib/http/responses";
import { chatCaller, listChatMessages, postChatMessage } from "@/lib/meetings/chat";
import { limitRequest } from "@/lib/rate-limit";
import { chatMessageSchema } from "@/lib/validations/schedule";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ meetingId: string }> };

const chatCallerOf = async ({ meeting, actor, caller }: MeetingContext) =>
  chatCaller(meeting.id, actor, caller, await readMemberCookie(meeting.id));

/** The chat so far (members and the host), for people who join late. */
export async function GET(_request: Request, context: Context) {
  return handleRoute(async () => {
    const loaded = await loadMeetingContext((await context.params).meetingId);
    const messages = await listChatMessages(loaded.meeting, await chatCallerOf(loaded));
    return Response.json({ messages }, { headers: { "Cache-Control": "no-store" } });
  });
}

/** Send a message: stored with the sender as the server knows them, then relayed to the room. */
export async function POST(request: Request, context: Context) {
  return handleRoute(async () => {
    const loaded = await loadMeetingContext((await context.params).meetingId);
    const { meeting, actor } = loaded;
    const body = await parseJsonBody(request, chatMessageSchema);
    if (!body.ok) return body.response;
    if (actor.role !== null) {
      const refused = await limitRequest(request, "chatMessage", `${meeting.id}:${actor.identity}`);
      if (refused) return tooFast(refused);
    }
    return Response.json(await postChatMessage(meeting, await chatCallerOf(loaded), body.data.text), { status: 201 });
  });
}

/** The limiter's 429 (and Retry-After), in words that fit a chat. */
function tooFast(refused: Response): Response {
  const seconds = refused.headers.get("retry-after") ?? "30";
  const response = apiError(
    429,
    "rate_limited",
    `You are sending messages too fast. Try again in ${seconds} ${seconds === "1" ? "second" : "seconds"}.`,
  );
  response.headers.set("Retry-After", seconds);
  return response;
}
