import { expect, type Page } from "@playwright/test";
import { remoteTile } from "./media";
import { connectPeer, untilAdmitted, type Peer } from "../../integration/support/livekit-peer";

/**
 * A participant with a client of its own making (LiveKit's Node SDK, not Parley's page) joins
 * through the invite link as a script would (its own request, the app's origin), and waits
 * for its rights; with `seenBy`, until that page shows its tile. It leaves again if any of
 * that fails.
 */
export async function joinWithOwnClient(inviteUrl: string, baseURL: string | undefined, name: string, seenBy?: Page) {
  const inviteToken = new URL(inviteUrl).pathname.split("/").pop()!;
  const joined = await fetch(new URL(`/api/invites/${inviteToken}/join`, baseURL), {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: new URL(baseURL!).origin },
    body: JSON.stringify({ name }),
  });
  expect(joined.status).toBe(200);
  const grant = (await joined.json()) as { serverUrl: string; token: string };
  const peer: Peer = await connectPeer(grant.serverUrl, grant.token);
  try {
    await untilAdmitted(peer);
    if (seenBy) await expect(remoteTile(seenBy, name)).toBeVisible();
  } catch (error) {
    await peer.leave();
    throw error;
  }
  return { peer, grant };
}
