import { handleRoute } from "@/lib/http/handle";
import { apiError } from "@/lib/http/responses";
import { recordRoomEvent } from "@/lib/meetings/attendance";
import { receiveWebhook } from "@/lib/livekit";

export const dynamic = "force-dynamic";

const MAX_WEBHOOK_BYTES = 64 * 1024;

/** LiveKit's room and participant events (attendance). Signed by LiveKit; raw body needed. */
export async function POST(request: Request) {
  return handleRoute(async () => {
    const raw = await request.text();
    if (raw.length > MAX_WEBHOOK_BYTES) return apiError(413, "body_too_large", "The request body is too large.");
    const event = await receiveWebhook(raw, request.headers.get("authorization")).catch(() => null);
    if (!event) return apiError(401, "invalid_signature", "The webhook signature is missing or does not match.");

    const outcome = await recordRoomEvent(event);
    return Response.json({ outcome });
  });
}
