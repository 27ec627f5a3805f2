"use client";

import { useLocalParticipant, useRoomContext } from "@livekit/components-react";
import { RoomEvent, type Participant } from "livekit-client";
import { useCallback, useEffect, useState } from "react";
import { api } from "@/lib/api-client";
import { HAND_UP_ATTRIBUTE } from "@/lib/call-attributes";

/**
 * Raised hands in the call. The server sets them (POST /api/meetings/<id>/hand), stores
 * them and mirrors them into LiveKit participant attributes; browsers only read those.
 */

export function handUpSince(participant: Pick<Participant, "attributes">): string | null {
  const value = participant.attributes?.[HAND_UP_ATTRIBUTE];
  return value ? value : null;
}

/** Re-renders whenever anyone's attributes change (LiveKit's hooks do not listen for it). */
export function useAttributesVersion(): number {
  const room = useRoomContext();
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    const events = [
      RoomEvent.ParticipantAttributesChanged,
      RoomEvent.ParticipantConnected,
      RoomEvent.ParticipantDisconnected,
      RoomEvent.Connected,
    ] as const;
    for (const event of events) room.on(event, bump);
    return () => {
      for (const event of events) room.off(event, bump);
    };
  }, [room]);
  return version;
}

/** My hand: whether it is up, and a toggle that asks the server. */
export function useMyHand(meetingId: string) {
  const { localParticipant } = useLocalParticipant();
  useAttributesVersion();
  const raised = handUpSince(localParticipant) !== null;
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toggle = useCallback(async () => {
    if (pending) return;
    setPending(true);
    const result = await api.setOwnHand(meetingId, !raised);
    setError(result.ok ? null : result.message);
    setPending(false);
  }, [meetingId, pending, raised]);
  return { raised, pending, error, toggle };
}

export function HandButton({ meetingId }: { meetingId: string }) {
  const { raised, pending, error, toggle } = useMyHand(meetingId);
  return (
    <>
      <button type="button" className="lk-button" aria-pressed={raised} disabled={pending} onClick={() => void toggle()}>
        <span aria-hidden="true">✋</span>
        <span className="max-sm:sr-only">{raised ? "Lower hand" : "Raise hand"}</span>
      </button>
      {error && (
        <p role="alert" className="sr-only">
          {error}
        </p>
      )}
    </>
  );
}

/** On a tile: a visible hand, named for screen readers. */
export function HandBadge({ participant }: { participant: Participant }) {
  useAttributesVersion();
  if (!handUpSince(participant)) return null;
  const name = participant.name || "Someone";
  return (
    <span
      role="img"
      aria-label={`${name} raised their hand`}
      className="absolute top-2 left-2 z-10 rounded-full bg-amber-400 px-2 py-1 text-base text-black shadow"
    >
      ✋
    </span>
  );
}
