"use client";

import { DefaultReconnectPolicy, Room } from "livekit-client";
import { useEffect, useState } from "react";

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

const ROOM_OPTIONS = { adaptiveStream: true, dynacast: true, reconnectPolicy: RECONNECT_POLICY };

/**
 * The call's Room: a plain one at once, or, with a meeting key, one set up for LiveKit's
 * end-to-end encryption (its code, lib/media/e2ee.ts, is loaded only then).
 */
export function useEncryptedRoom(meetingKey: string | null): { room: Room | null; error: string | null } {
  const [plain] = useState(() => (meetingKey ? null : new Room(ROOM_OPTIONS)));
  const [encrypted, setEncrypted] = useState<Room | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!meetingKey) return;
    let current = true;
    import("@/lib/media/e2ee")
      .then(({ createEncryptedRoom }) => createEncryptedRoom(meetingKey, ROOM_OPTIONS))
      .then((room) => current && setEncrypted(room))
      .catch((failure: unknown) => {
        console.error("[e2ee] setup failed:", failure instanceof Error ? failure.message : failure);
        if (current) setError("This browser cannot join end-to-end encrypted meetings. Try a current Chrome, Edge, Firefox or Safari.");
      });
    return () => {
      current = false;
    };
  }, [meetingKey]);
  return { room: plain ?? encrypted, error };
}

/** Said once, plainly, at the top of an encrypted call. */
export function EncryptedNotice() {
  return (
    <p className="bg-emerald-900 px-3 py-1 text-center text-xs text-white">
      <span aria-hidden="true">🔒 </span>End-to-end encrypted: audio, video and chat are readable only by people holding the full link. Chat
      is not stored.
    </p>
  );
}
