import { createContext, useContext } from "react";

/**
 * The key of an end-to-end encrypted meeting, provided by e2ee-gate.tsx once it has read it
 * from the link; null in a plain meeting. Kept apart from the gate, so the call can ask
 * without loading it.
 */
export const MeetingKeyContext = createContext<string | null>(null);

export function useMeetingKey(): string | null {
  return useContext(MeetingKeyContext);
}
