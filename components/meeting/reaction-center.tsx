"use client";

import { useLocalParticipant } from "@livekit/components-react";
import type { Participant } from "livekit-client";
import { useCallback, useEffect, useRef, useState } from "react";
import { createReactionLimiter, decodeReaction, encodeReaction, REACTION_SHOWN_MS, REACTIONS, type ReactionEmoji } from "@/lib/reactions";
import { REACTION_TOPIC } from "@/lib/call-attributes";

export interface ReceivedReaction {
  payload: Uint8Array;
  sender: Pick<Participant, "identity" | "name">;
}

/**
 * Hand-over from the always-loaded listener (reactions.tsx): gives `deliver` what arrived
 * before this code loaded, then each new reaction, until the returned function is called.
 */
export type RegisterReactionReceiver = (deliver: (reaction: ReceivedReaction) => void) => () => void;

function allowNow(limiter: ReturnType<typeof createReactionLimiter>, sender: string): boolean {
  return limiter.allow(sender, Date.now());
}

interface Shown {
  id: number;
  emoji: string;
  name: string;
}

/**
 * The reactions on screen, the picker and sending (loaded on first use). Each browser applies
 * the per-person limit to what it shows, and the sender to its own button.
 */
export default function ReactionCenter({
  menuId,
  pickerOpen,
  register,
  announce,
}: {
  menuId: string;
  pickerOpen: boolean;
  register: RegisterReactionReceiver;
  announce: (text: string) => void;
}) {
  const { localParticipant } = useLocalParticipant();
  const [shown, setShown] = useState<Shown[]>([]);
  const [slowDown, setSlowDown] = useState(false);
  const limiter = useRef(createReactionLimiter());
  const nextId = useRef(0);

  const show = useCallback(
    (emoji: string, label: string, name: string) => {
      const id = nextId.current++;
      setShown((list) => [...list, { id, emoji, name }]);
      announce(`${name} reacted with ${label}`);
      setTimeout(() => setShown((list) => list.filter((r) => r.id !== id)), REACTION_SHOWN_MS);
    },
    [announce],
  );

  useEffect(
    () =>
      register(({ payload, sender }) => {
        const reaction = decodeReaction(payload);
        if (!reaction || !allowNow(limiter.current, sender.identity)) return;
        show(reaction.emoji, reaction.label, sender.name || "Someone");
      }),
    [register, show],
  );

  async function send(emoji: ReactionEmoji, label: string) {
    if (!allowNow(limiter.current, localParticipant.identity)) {
      setSlowDown(true);
      return;
    }
    setSlowDown(false);
    show(emoji, label, "You");
    await localParticipant.publishData(encodeReaction(emoji), { topic: REACTION_TOPIC, reliable: true }).catch(() => undefined);
  }

  return (
    <>
      {pickerOpen && (
        <div
          id={menuId}
          role="group"
          aria-label="Send a reaction"
          className="absolute bottom-full left-1/2 z-30 mb-2 flex -translate-x-1/2 gap-1 rounded-lg border border-white/10 bg-[#1a1a1a] p-1 shadow-xl max-sm:inset-x-2 max-sm:translate-x-0 max-sm:justify-center"
        >
          {REACTIONS.map((r) => (
            <button
              key={r.emoji}
              type="button"
              aria-label={`React with ${r.label}`}
              onClick={() => void send(r.emoji, r.label)}
              className="rounded px-2 py-1 text-xl hover:bg-white/10"
            >
              {r.emoji}
            </button>
          ))}
        </div>
      )}
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
    </>
  );
}
