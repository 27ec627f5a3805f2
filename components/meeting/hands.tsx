"use client";

import { useLocalParticipant, useRoomContext } from "@livekit/components-react";
import { RoomEvent, type Participant } from "livekit-client";
import { useCallback, useEffect, useState } from "react";
import { meetingIdOf } from "@/components/meeting/call-identity";
import { roleOf } from "@/components/meeting/people-panel";
import { sendJson } from "@/components/ui/send-json";
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
function useAttributesVersion(): number {
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
export function useMyHand() {
  const { localParticipant } = useLocalParticipant();
  useAttributesVersion();
  const raised = handUpSince(localParticipant) !== null;
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toggle = useCallback(async () => {
    const meetingId = meetingIdOf(localParticipant);
    if (!meetingId || pending) return;
    setPending(true);
    setError(await sendJson(`/api/meetings/${meetingId}/hand`, "POST", { raised: !raised }));
    setPending(false);
  }, [localParticipant, pending, raised]);
  return { raised, pending, error, toggle };
}

export function HandButton() {
  const { raised, pending, error, toggle } = useMyHand();
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

/**
 * Hosts and co-hosts: raised hands in the order they went up, with "Lower hand" for each and
 * "Bring on stage" for viewers (which also lowers the hand: they got the word).
 */
export function HandQueue({ participants, onError }: { participants: Participant[]; onError: (message: string | null) => void }) {
  useAttributesVersion();
  const queue = participants.filter((p) => handUpSince(p) !== null).sort((a, b) => handUpSince(a)!.localeCompare(handUpSince(b)!));
  if (queue.length === 0) return null;
  const meetingId = participants.map(meetingIdOf).find((id) => id !== null);
  const lower = (p: Participant) =>
    sendJson(`/api/meetings/${meetingId}/participants/${encodeURIComponent(p.identity)}/hand`, "POST", { raised: false });
  async function bringOnStage(p: Participant) {
    const error = await sendJson(`/api/meetings/${meetingId}/participants/${encodeURIComponent(p.identity)}/stage`, "POST", {
      onStage: true,
    });
    onError(error ?? (await lower(p)));
  }
  return (
    <div className="flex flex-col gap-2">
      <h2 className="font-medium">Raised hands ({queue.length})</h2>
      <ol className="flex flex-col gap-1" aria-label="Raised hands">
        {queue.map((p, position) => {
          const name = p.name || "Unnamed";
          return (
            <li key={p.identity} className="flex items-center justify-between gap-2 text-sm">
              <span className="truncate">
                {position + 1}. {name}
              </span>
              <span className="flex shrink-0 gap-1 text-xs">
                {roleOf(p) === "VIEWER" && (
                  <button
                    type="button"
                    aria-label={`Bring ${name} on stage (raised hand)`}
                    onClick={() => void bringOnStage(p)}
                    className="rounded border border-white/20 px-2 py-0.5 hover:bg-white/10"
                  >
                    On stage
                  </button>
                )}
                <button
                  type="button"
                  aria-label={`Lower ${name}'s hand`}
                  onClick={async () => onError(await lower(p))}
                  className="rounded border border-white/20 px-2 py-0.5 hover:bg-white/10"
                >
                  Lower
                </button>
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
