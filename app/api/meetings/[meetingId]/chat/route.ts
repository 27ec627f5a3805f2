import { readMemberCookie, type MeetingContext } from "@/lib/http/meeting-context";
import { meetingRoute, meetingRouteWithBody } from "@/lib/http/meeting-route";
import { chatCaller, listChatMessages, postChatMessage } from "@/lib/meetings/chat";
import { enforceRateLimit } from "@/lib/rate-limit";
import { chatMessageSchema } from "@/lib/validations/schedule";

export const dynamic = "force-dynamic";

const chatCallerOf = async ({ meeting, actor, user }: MeetingContext) =>
  chatCaller(meeting.id, actor, user, await readMemberCookie(meeting.id));

/** The chat so far (members and the host), for people who join late. */
export const GET = meetingRoute(async (loaded) => {
  const messages = await listChatMessages(loaded.meeting, await chatCallerOf(loaded));
  return Response.json({ messages }, { headers: { "Cache-Control": "no-store" } });
});

/** Send a message: stored with the sender as the server knows them, then relayed to the room. */
export const POST = meetingRouteWithBody(chatMessageSchema, async (loaded, body) => {
  const { meeting, actor, request } = loaded;
  // Counted per sender in the meeting; outsiders are refused by the domain without counting.
  if (actor.role !== null) await enforceRateLimit(request, "chatMessage", `${meeting.id}:${actor.identity}`);
  return Response.json(await postChatMessage(meeting, await chatCallerOf(loaded), body.text), { status: 201 });
});
