"use client";

import { useLocalParticipant, useLocalParticipantPermissions } from "@livekit/components-react";
import dynamic from "next/dynamic";
import { useEffect, useRef, useState } from "react";
import { useMyHand } from "@/components/meeting/hands";
import { shortcutFor } from "@/lib/shortcuts";

// The help dialog loads the first time it is opened: it is not on the way into the call.
const ShortcutHelp = dynamic(() => import("@/components/meeting/shortcut-help"), { ssr: false });

/**
 * Keyboard shortcuts in the call (lib/shortcuts.ts) and their help dialog, opened with `?`
 * or the header's "Keyboard shortcuts" button. Nothing fires while someone types in chat.
 */
export function CallShortcuts({ meetingId }: { meetingId: string }) {
  const { localParticipant, isMicrophoneEnabled, isCameraEnabled } = useLocalParticipant();
  const canPublish = useLocalParticipantPermissions()?.canPublish ?? false;
  const hand = useMyHand(meetingId);
  const [helpOpen, setHelpOpen] = useState(false);
  // The listener is registered once; it reads the current state through this ref.
  const state = useRef({ isMicrophoneEnabled, isCameraEnabled, canPublish, hand });
  useEffect(() => {
    state.current = { isMicrophoneEnabled, isCameraEnabled, canPublish, hand };
  });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = shortcutFor(event);
      if (!action) return;
      event.preventDefault();
      const now = state.current;
      if (action === "show-help") setHelpOpen(true);
      else if (action === "toggle-hand") void now.hand.toggle();
      else if (!now.canPublish) return;
      else if (action === "toggle-microphone") void localParticipant.setMicrophoneEnabled(!now.isMicrophoneEnabled);
      else void localParticipant.setCameraEnabled(!now.isCameraEnabled);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [localParticipant]);

  return (
    <>
      {/* Phones have no keyboard. (On the wrapper: LiveKit's unlayered .lk-button display beats Tailwind's.) */}
      <span className="max-sm:hidden">
        <button type="button" className="lk-button" onClick={() => setHelpOpen(true)} aria-haspopup="dialog">
          <span aria-hidden="true">⌨</span>
          <span className="sr-only">Keyboard shortcuts</span>
        </button>
      </span>
      {helpOpen && <ShortcutHelp onClose={() => setHelpOpen(false)} />}
    </>
  );
}
