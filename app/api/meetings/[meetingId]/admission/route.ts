import { meetingRoute } from "@/lib/http/meeting-route";
import { admitCaller } from "@/lib/meetings/admission";

export const dynamic = "force-dynamic";

/**
 * The caller's rights in the room, applied now: a joining browser asks as soon as LiveKit
 * has answered its join, instead of waiting for LiveKit's `participant_joined` webhook, which
 * LiveKit only sends once the media connection is up. The database decides, exactly as for
 * the webhook (which still runs for everyone): docs/decisions/027-join-time.md.
 */
export const POST = meetingRoute(async ({ meeting, actor }) => {
  const outcome = await admitCaller(meeting, actor);
  return Response.json({ outcome });
});
