import type { Participant } from "livekit-client";

/** The meeting id the server put into every participant's metadata (lib/meetings/join.ts). */
export function meetingIdOf(participant: Pick<Participant, "metadata">): string | null {
  try {
    const id = JSON.parse(participant.metadata ?? "{}").meetingId;
    return typeof id === "string" ? id : null;
  } catch {
    return null;
  }
}
