"use client";

import type { Room } from "livekit-client";
import { useEffect, useState, type ReactNode } from "react";
import { roomOptions } from "@/components/meeting/room-options";

/**
 * The Room of an end-to-end encrypted call, set up for LiveKit's E2EE with the meeting key
 * (lib/media/e2ee.ts, and LiveKit's worker). Loaded only for encrypted meetings
 * (meeting-room.tsx); plain calls never download it.
 */
export default function EncryptedRoom({
  meetingKey,
  meetingId,
  children,
}: {
  meetingKey: string;
  meetingId: string;
  children: (room: Room) => ReactNode;
}) {
  const [room, setRoom] = useState<Room | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    import("@/lib/media/e2ee")
      .then(({ createEncryptedRoom }) => createEncryptedRoom(meetingKey, roomOptions(meetingId)))
      .then((created) => current && setRoom(created))
      .catch((failure: unknown) => {
        console.error("[e2ee] setup failed:", failure instanceof Error ? failure.message : failure);
        if (current) setError("This browser cannot join end-to-end encrypted meetings. Try a current Chrome, Edge, Firefox or Safari.");
      });
    return () => {
      current = false;
    };
  }, [meetingKey, meetingId]);
  if (error)
    return (
      <p role="alert" className="p-6 text-center">
        {error}
      </p>
    );
  if (!room)
    return (
      <p role="status" className="p-6 text-center">
        Setting up end-to-end encryption…
      </p>
    );
  return children(room);
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
