"use client";

import { REACTIONS, type ReactionEmoji } from "@/lib/reactions";

/** The emoji to pick from (loaded on first use). */
export default function ReactionPicker({ id, onPick }: { id: string; onPick: (emoji: ReactionEmoji, label: string) => void }) {
  return (
    <div
      id={id}
      role="group"
      aria-label="Send a reaction"
      className="absolute bottom-full left-1/2 z-30 mb-2 flex -translate-x-1/2 gap-1 rounded-lg border border-white/10 bg-[#1a1a1a] p-1 shadow-xl"
    >
      {REACTIONS.map((r) => (
        <button
          key={r.emoji}
          type="button"
          aria-label={`React with ${r.label}`}
          onClick={() => onPick(r.emoji, r.label)}
          className="rounded px-2 py-1 text-xl hover:bg-white/10"
        >
          {r.emoji}
        </button>
      ))}
    </div>
  );
}
