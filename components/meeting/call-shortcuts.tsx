"use client";

import { useLocalParticipant, useLocalParticipantPermissions } from "@livekit/components-react";
import { useEffect, useRef } from "react";
import { useMyHand } from "@/components/meeting/hands";
import { shortcutFor, SHORTCUTS } from "@/lib/shortcuts";

/**
 * Keyboard shortcuts in the call (lib/shortcuts.ts) and their help dialog, opened with `?`
 * or the header's "Keyboard shortcuts" button. Nothing fires while someone types in chat.
 */
export function CallShortcuts() {
  const { localParticipant, isMicrophoneEnabled, isCameraEnabled } = useLocalParticipant();
  const canPublish = useLocalParticipantPermissions()?.canPublish ?? false;
  const hand = useMyHand();
  const dialog = useRef<HTMLDialogElement>(null);
  // The listener is registered once; it reads the current state through this ref.
  const state = useRef({ isMicrophoneEnabled, isCameraEnabled, canPublish, hand });
  state.current = { isMicrophoneEnabled, isCameraEnabled, canPublish, hand };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = shortcutFor(event);
      if (!action) return;
      event.preventDefault();
      const now = state.current;
      if (action === "show-help") dialog.current?.showModal();
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
      <button type="button" className="lk-button" onClick={() => dialog.current?.showModal()} aria-haspopup="dialog">
        <span aria-hidden="true">⌨</span>
        <span className="sr-only">Keyboard shortcuts</span>
      </button>
      <dialog
        ref={dialog}
        aria-labelledby="shortcuts-title"
        className="m-auto w-[28rem] max-w-[calc(100vw-2rem)] rounded-lg border border-white/10 bg-[#1a1a1a] p-4 text-white backdrop:bg-black/60"
      >
        <h2 id="shortcuts-title" className="mb-3 text-lg font-medium">
          Keyboard shortcuts
        </h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
          {SHORTCUTS.map((s) => (
            <div key={s.action} className="contents">
              <dt>
                <kbd className="rounded border border-white/30 px-1.5 py-0.5 font-mono text-xs">{s.keys}</kbd>
              </dt>
              <dd>{s.description}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-3 text-xs text-white/70">Shortcuts do nothing while you type in the chat.</p>
        <form method="dialog" className="mt-4 flex justify-end">
          <button type="submit" className="lk-button">
            Close
          </button>
        </form>
      </dialog>
    </>
  );
}
