"use client";

import { useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { api } from "@/lib/api-client";

/**
 * "End meeting for all" with a confirmation dialog (native <dialog>: focus is trapped and
 * Escape cancels). Calls `onEnded` once the server confirms.
 */
export function EndMeetingButton({ meetingId, onEnded, compact = false }: { meetingId: string; onEnded: () => void; compact?: boolean }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function end() {
    setPending(true);
    setError(null);
    const result = await api.endMeeting(meetingId);
    if (!result.ok) {
      setError(result.message);
      setPending(false);
      return;
    }
    dialog.current?.close();
    onEnded();
  }

  return (
    <>
      <button type="button" onClick={() => dialog.current?.showModal()} className={buttonClass("danger", compact ? "px-3 py-1.5" : "")}>
        End meeting for all
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={`end-title-${meetingId}`}
        className="m-auto max-w-sm rounded-xl border border-slate-200 bg-white p-6 text-slate-900 shadow-xl backdrop:bg-black/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        <h2 id={`end-title-${meetingId}`} className="mb-2 text-lg font-semibold">
          End the meeting for everyone?
        </h2>
        <p className="mb-4 text-sm text-slate-600 dark:text-slate-300">
          Everyone in the call will be disconnected, and the invite link will stop working.
        </p>
        {error && (
          <p role="alert" className="mb-3 text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <button type="button" autoFocus onClick={() => dialog.current?.close()} className={buttonClass("secondary")}>
            Cancel
          </button>
          <button type="button" onClick={end} disabled={pending} className={buttonClass("danger")}>
            {pending ? "Ending…" : "End for all"}
          </button>
        </div>
      </dialog>
    </>
  );
}
