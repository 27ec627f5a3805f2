import { randomUUID } from "node:crypto";
import { serverEnv } from "@/lib/env";
import { apiError, parseJsonBody, parseWith } from "@/lib/http/responses";
import { issueRoomToken, livekitClientUrl } from "@/lib/livekit";
import { devRoomNameSchema, devTokenRequestSchema } from "@/lib/validations/room";

export const dynamic = "force-dynamic";

/**
 * TEMPORARY (issue #2): an open room for the stack's smoke test, enabled only with
 * PARLEY_DEV_ROOMS=true. It proves the app → LiveKit → browser path before meetings,
 * invites and sign-in exist; the meetings issue replaces it.
 */
export async function POST(request: Request, context: { params: Promise<{ room: string }> }) {
  if (!serverEnv().PARLEY_DEV_ROOMS) return apiError(404, "not_found", "Not found.");
  const room = parseWith(devRoomNameSchema, (await context.params).room);
  if (!room.ok) return room.response;
  const body = await parseJsonBody(request, devTokenRequestSchema);
  if (!body.ok) return body.response;

  const identity = `guest_${randomUUID()}`;
  const token = await issueRoomToken({
    room: `dev-${room.data}`,
    identity,
    displayName: body.data.name,
    role: "PARTICIPANT",
  });
  return Response.json({ serverUrl: livekitClientUrl(), token, identity }, { headers: { "Cache-Control": "no-store" } });
}
