/**
 * Reactions: a small emoji set sent over LiveKit's data channel (topic REACTION_TOPIC in
 * lib/call-attributes.ts; never through the app server, never stored). Pure logic shared by sender and receivers, unit-tested.
 */

/** The emoji people can send, with the words a screen reader announces. */
export const REACTIONS = [
  { emoji: "👍", label: "thumbs up" },
  { emoji: "👏", label: "applause" },
  { emoji: "😂", label: "laughter" },
  { emoji: "❤️", label: "a heart" },
  { emoji: "🎉", label: "a celebration" },
  { emoji: "😮", label: "surprise" },
] as const;

export type ReactionEmoji = (typeof REACTIONS)[number]["emoji"];

/** At most this many reactions per person per window: enough to cheer, not to flood. */
export const REACTION_LIMIT = { max: 5, windowMs: 10_000 } as const;

/** How long a reaction floats on screen. */
export const REACTION_SHOWN_MS = 4_000;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeReaction(emoji: ReactionEmoji): Uint8Array<ArrayBuffer> {
  return encoder.encode(JSON.stringify({ emoji }));
}

/** The reaction in a data packet, or null for anything that is not one of ours (ignored). */
export function decodeReaction(payload: Uint8Array): (typeof REACTIONS)[number] | null {
  try {
    const emoji = JSON.parse(decoder.decode(payload))?.emoji;
    return REACTIONS.find((r) => r.emoji === emoji) ?? null;
  } catch {
    return null;
  }
}

/**
 * A sliding-window limit per sender. Every receiver applies it to what it shows, so a
 * modified client that sends faster floods no one's screen; the sender applies the same
 * limit to its own button.
 */
export function createReactionLimiter(limit: { max: number; windowMs: number } = REACTION_LIMIT) {
  const sent = new Map<string, number[]>();
  return {
    allow(sender: string, now: number): boolean {
      const recent = (sent.get(sender) ?? []).filter((t) => now - t < limit.windowMs);
      const allowed = recent.length < limit.max;
      if (allowed) recent.push(now);
      sent.set(sender, recent);
      return allowed;
    },
  };
}
