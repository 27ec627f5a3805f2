import { DefaultReconnectPolicy, type RoomConnectOptions, type RoomOptions } from "livekit-client";
import { api } from "@/lib/api-client";

/**
 * LiveKit's own reconnection attempts: quick, then every second for a while, then slower.
 * When a LiveKit node dies, its rooms move to another node only once the dead node's last
 * heartbeat in Redis is 5 s old (LiveKit's fixed AvailableSeconds), so the client's default
 * back-off (0, 0.3, 1.2, 2.7, 4.8, then 7 s) often just misses that moment and waits 7 s more.
 * Retrying every second puts people back on the surviving node within a second of it taking
 * over (docs/decisions/016). After ~25 s the app's own rejoin takes over (join-flow.tsx).
 */
const RECONNECT_POLICY = new DefaultReconnectPolicy([
  0, 300, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 2_000, 2_000, 2_000, 5_000, 5_000,
]);

/** How long the first offer waits for the rights; then it goes without, and LiveKit's webhook brings them. */
const RIGHTS_WAIT_MS = 2_000;

/**
 * Our rights, claimed as soon as LiveKit has answered the join: the server applies what the
 * database says (`POST …/admission`, decision 027). Tokens grant entry only (decision 013).
 */
async function claimRights(meetingId: string): Promise<void> {
  // The timer is not cleared: once the claim has answered, its resolving changes nothing.
  const late = new Promise<null>((resolve) => setTimeout(resolve, RIGHTS_WAIT_MS, null));
  const result = await Promise.race([api.claimAdmission(meetingId), late]);
  if (!result?.ok) console.warn(`[call] rights not claimed (${result?.code ?? "no answer"}); LiveKit's webhook brings them`);
}

/**
 * Every call's Room, plain or end-to-end encrypted (encrypted-room.tsx).
 *
 * `beforeFirstOffer` (our patch to livekit-client, patches/): the join carries no offer, and
 * the browser's first offer waits for our rights. LiveKit then subscribes us to everyone's
 * tracks in its answer to that first offer, before the media connection exists, as it does
 * for a token that can subscribe. Without it the subscriptions came in a second negotiation
 * once connected, and in about one join in ten the first key frame arrived before the page
 * had applied that answer and was lost: half a second until the next (decision 027,
 * amendment (c)).
 */
export function roomOptions(meetingId: string): Partial<RoomOptions> {
  return {
    adaptiveStream: true,
    dynacast: true,
    reconnectPolicy: RECONNECT_POLICY,
    beforeFirstOffer: () => claimRights(meetingId),
  };
}

/**
 * One ICE transport for every media section from the first offer. With the offer made after
 * the join (above), the browser would otherwise gather candidates for each section (the
 * default "balanced" policy, until LiveKit's answer confirms the bundle): dozens of
 * candidates sent over signalling while the answer is being applied. LiveKit bundles
 * everything in any case.
 */
export const CONNECT_OPTIONS: RoomConnectOptions = { rtcConfig: { bundlePolicy: "max-bundle" } };
