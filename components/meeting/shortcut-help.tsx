"use client";

import { useEffect, useRef } from "react";
import type { ShortcutAction } from "@/lib/shortcuts";

/** What lib/shortcuts.ts recognises, in words (here, so the call loads the list only with the dialog). */
const SHORTCUTS: { keys: string; action: ShortcutAction; description: string }[] = [
  { keys: "Ctrl + D (⌘ + D)", action: "toggle-microphone", description: "Turn your microphone on or off" },
  { keys: "Ctrl + E (⌘ + E)", action: "toggle-camera", description: "Turn your camera on or off" },
  { keys: "Ctrl + Alt + H (⌘ + Option + H)", action: "toggle-hand", description: "Raise or lower your hand" },
  { keys: "?", action: "show-help", description: "Show these shortcuts" },
];

/** The list of keyboard shortcuts, as a modal dialog (loaded the first time someone opens it). */
export default function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog
      ref={dialog}
      aria-labelledby="shortcuts-title"
      onClose={onClose}
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
  );
}
