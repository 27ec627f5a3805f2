"use client";

import { useSyncExternalStore } from "react";
import { linkWithKey, rememberedKey, subscribeToNothing } from "@/lib/e2ee-key";

/**
 * Invite links of an end-to-end encrypted meeting carry its key in the fragment; the server
 * only knows the part before "#". This browser completes them with the key it kept when the
 * host created the meeting (decision 025).
 */
export function useCompleteLink(meetingId: string, e2ee: boolean) {
  // The kept key is in this browser only: undefined while rendering on the server.
  const key = useSyncExternalStore(
    subscribeToNothing,
    () => (e2ee ? rememberedKey(meetingId) : null),
    () => (e2ee ? undefined : null),
  );
  return {
    missingKey: e2ee && key === null,
    complete: (url: string) => (e2ee && key ? linkWithKey(url, key) : url),
  };
}

export function MissingKeyNotice() {
  return (
    <p
      role="status"
      className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      This meeting is end-to-end encrypted and this browser does not hold its key, so the links below are incomplete. Share the link you
      copied when you created the meeting (its key is the part after “#”).
    </p>
  );
}
