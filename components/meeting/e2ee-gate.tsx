"use client";

import { useEffect, useSyncExternalStore } from "react";
import { MeetingKeyContext } from "@/components/meeting/meeting-key";
import { keyFromFragment, rememberedKey, rememberKey, subscribeToNothing } from "@/lib/e2ee-key";

/**
 * In an end-to-end encrypted meeting, nothing happens without the key: it comes from the
 * link's fragment (or, for the host's own browser, from where the dashboard kept it). A
 * link without it is incomplete: no pre-join, no token request, nothing to decode. Pages of
 * encrypted meetings only load it (encrypted-meeting.tsx).
 */
export default function E2EEGate({ meetingId, children }: { meetingId: string; children: React.ReactNode }) {
  // Read from the browser only (the server never sees the fragment): undefined while rendering on the server.
  const key = useSyncExternalStore(
    subscribeToNothing,
    () => keyFromFragment(window.location.hash) ?? rememberedKey(meetingId),
    () => undefined,
  );
  useEffect(() => {
    // The host who opens a complete link keeps the key for the meeting page too.
    if (key) rememberKey(meetingId, key);
  }, [meetingId, key]);

  if (key === undefined) return null;
  if (key === null) {
    return (
      <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-3 px-6 text-center">
        <h1 className="text-2xl font-semibold">This invite link is incomplete</h1>
        <p className="text-slate-600 dark:text-slate-300">
          This meeting is end-to-end encrypted, and its key is the part of the link after “#”. Ask the host for the full link and open it
          exactly as it was sent.
        </p>
      </main>
    );
  }
  return <MeetingKeyContext.Provider value={key}>{children}</MeetingKeyContext.Provider>;
}
