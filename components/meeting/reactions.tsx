"use client";

import { useLocalParticipant, useRoomContext } from "@livekit/components-react";
import { RoomEvent, type RemoteParticipant } from "livekit-client";
import dynamic from "next/dynamic";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import {
  createReactionLimiter,
  decodeReaction,
  encodeReaction,
  REACTION_SHOWN_MS,
  REACTION_TOPIC,
  type ReactionEmoji,
} from "@/lib/reactions";

// The picker loads the first time someone opens it; receiving needs only the code above.
const ReactionPicker = dynamic(() => import("@/components/meeting/reaction-picker"), { ssr: false });

interface Shown {
  id: number;
  emoji: string;
  name: string;
}

/**
 * Reactions go peer to peer over LiveKit's data channel: the app server never sees them and
 * nothing stores them. Each browser applies the per-person limit to what it shows.
 */
export function Reactions() {
  const room = useRoomContext();
  const { localParticipant } = useLocalParticipant();
  const [shown, setShown] = useState<Shown[]>([]);
  const [announcement, setAnnouncement] = useState("");
  const [open, setOpen] = useState(false);
  const [slowDown, setSlowDown] = useState(false);
  const limiter = useRef(createReactionLimiter());
  const nextId = useRef(0);
  const menuId = useId();

  const show = useCallback((emoji: string, label: string, name: string) => {
    const id = nextId.current++;
    setShown((list) => [...list, { id, emoji, name }]);
    setAnnouncement(`${name} reacted with ${label}`);
    setTimeout(() => setShown((list) => list.filter((r) => r.id !== id)), REACTION_SHOWN_MS);
  }, []);

  useEffect(() => {
    const onData = (payload: Uint8Array, participant?: RemoteParticipant, _kind?: unknown, topic?: string) => {
      if (topic !== REACTION_TOPIC || !participant) return;
      const reaction = decodeReaction(payload);
      if (!reaction || !limiter.current.allow(participant.identity, Date.now())) return;
      show(reaction.emoji, reaction.label, participant.name || "Someone");
    };
    room.on(RoomEvent.DataReceived, onData);
    return () => {
      room.off(RoomEvent.DataReceived, onData);
    };
  }, [room, show]);

  async function send(emoji: ReactionEmoji, label: string) {
    if (!limiter.current.allow(localParticipant.identity, Date.now())) {
      setSlowDown(true);
      return;
    }
    setSlowDown(false);
    show(emoji, label, "You");
    await localParticipant.publishData(encodeReaction(emoji), { topic: REACTION_TOPIC, reliable: true }).catch(() => undefined);
  }

  return (
    <>
      <div className="relative">
        <button type="button" className="lk-button" aria-expanded={open} aria-controls={menuId} onClick={() => setOpen((o) => !o)}>
          <span aria-hidden="true">🙂</span>
          <span className="max-sm:sr-only">React</span>
        </button>
        {open && <ReactionPicker id={menuId} onPick={(emoji, label) => void send(emoji, label)} />}
      </div>
      {slowDown && (
        <p role="status" className="sr-only">
          Too many reactions: wait a few seconds.
        </p>
      )}
      <div
        aria-hidden="true"
        className="pointer-events-none fixed bottom-20 left-4 z-30 flex flex-col-reverse gap-1"
        data-testid="reactions"
      >
        {shown.map((r) => (
          <span key={r.id} className="rounded-full bg-black/60 px-3 py-1 text-sm text-white">
            <span className="text-2xl">{r.emoji}</span> {r.name}
          </span>
        ))}
      </div>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </>
  );
}
