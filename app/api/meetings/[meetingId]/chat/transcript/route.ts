import { meetingRoute } from "@/lib/http/meeting-route";
import { assertHost } from "@/lib/meetings/actors";
import { chatTranscript, transcriptAsText } from "@/lib/meetings/chat";

export const dynamic = "force-dynamic";

/** The whole chat as a text file (host only), during or after the meeting. */
export const GET = meetingRoute(async ({ meeting, actor }) => {
  assertHost(actor);
  const text = transcriptAsText(meeting.title, await chatTranscript(meeting.id));
  return new Response(text, {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Disposition": `attachment; filename="chat-${meeting.id}.txt"`,
      "Cache-Control": "no-store",
    },
  });
});
