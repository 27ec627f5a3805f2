import { handleRoute } from "@/lib/http/handle";
import { loadMeetingContext } from "@/lib/http/meeting-context";
import { assertHost } from "@/lib/meetings/actors";
import { chatTranscript, transcriptAsText } from "@/lib/meetings/chat";

export const dynamic = "force-dynamic";

/** The whole chat as a text file (host only), during or after the meeting. */
export async function GET(_request: Request, context: { params: Promise<{ meetingId: string }> }) {
  return handleRoute(async () => {
    const { meeting, actor } = await loadMeetingContext((await context.params).meetingId);
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
}
