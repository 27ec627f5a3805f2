import { DefaultReconnectPolicy, type RoomOptions } from "livekit-client";

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

/** Every call's Room, plain or end-to-end encrypted (encrypted-room.tsx). */
export const ROOM_OPTIONS: Partial<RoomOptions> = { adaptiveStream: true, dynacast: true, reconnectPolicy: RECONNECT_POLICY };
