import { randomUUID } from "node:crypto";
import { AccessToken } from "livekit-server-sdk";

export const dynamic = "force-dynamic";

/**
 * Signs the same token Parley's join routes sign (lib/livekit.ts issueRoomToken: key, TTL,
 * metadata, an entry grant for one room) for a name in a JSON body, and nothing else: no
 * session, invite, database, rate limit or LiveKit call.
 */
export async function POST(request) {
  const body = await request.json().catch(() => ({}));
  const name = typeof body.name === "string" && body.name ? body.name : "Guest";
  const identity = `guest_${randomUUID()}`;
  const token = new AccessToken(process.env.LIVEKIT_API_KEY, process.env.LIVEKIT_API_SECRET, {
    identity,
    name,
    metadata: JSON.stringify({ role: "PARTICIPANT", meetingId: "floor" }),
    ttl: 300,
  });
  token.addGrant({ room: "bench-floor", roomJoin: true, canSubscribe: false, canPublish: false, canPublishData: false });
  return Response.json(
    {
      serverUrl: process.env.LIVEKIT_URL,
      token: await token.toJwt(),
      identity,
      displayName: name,
      role: "PARTICIPANT",
      meetingId: "floor",
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}
