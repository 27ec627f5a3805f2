/**
 * Names every call shares: the participant attributes Parley's server sets in LiveKit and
 * browsers read, and the data topic of reactions. Shared by both sides, so it imports nothing. Clients cannot set their own attributes (their tokens
 * carry no canUpdateOwnMetadata): only lib/livekit.ts writes them, after a database check.
 */

/** ISO time the participant's hand went up; absent (or "") when it is down. */
export const HAND_UP_ATTRIBUTE = "parley.handUpSince";

/** The attribute value for a hand: LiveKit removes an attribute set to "". */
export function handAttribute(handUpSince: Date | null): Record<string, string> {
  return { [HAND_UP_ATTRIBUTE]: handUpSince ? handUpSince.toISOString() : "" };
}

/** The LiveKit data topic reactions travel on (lib/reactions.ts), between browsers only. */
export const REACTION_TOPIC = "parley.reaction";
