import { handleRoute } from "@/lib/http/handle";
import { apiError, readBodyWithin } from "@/lib/http/responses";
import { admitParticipant } from "@/lib/meetings/admission";
import { recordRoomEvent } from "@/lib/meetings/attendance";
import { receiveWebhook } from "@/lib/livekit";

export const dynamic = "force-dynamic";

/** LiveKit's events are a few KB (a participant with its tracks); 64 KB leaves ample room. */
const MAX_WEBHOOK_BYTES = 64 * 1024;

/**
 * LiveKit's room and participant events: a join gets the rights the database gives it
 * (lib/meetings/admission.ts), and attendance is recorded. Signed by LiveKit; raw body needed.
 */
export async function POST(request: Request) {
  return handleRoute(async () => {
    // Refused by Content-Length, or while streaming: an unsigned 40 MB body is never buffered.
    const raw = await readBodyWithin(request, MAX_WEBHOOK_BYTES);
    if (!raw.ok) return raw.response;
    const event = await receiveWebhook(raw.data, request.headers.get("authorization")).catch(() => null);
    if (!event) return apiError(401, "invalid_signature", "The webhook signature is missing or does not match.");

    // First the rights (the participant waits for them), then attendance. A failure to reach
    // LiveKit leaves the participant without rights (fail closed) and is logged.
    await admitParticipant(event).catch((error: unknown) => console.error("[admission] could not apply the database's rights:", error));
    const outcome = await recordRoomEvent(event);
    return Response.json({ outcome });
  });
}
