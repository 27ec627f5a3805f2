"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { DescriptionField, ScheduleFields, scheduleFromForm } from "@/components/meetings/schedule-fields";
import { buttonClass } from "@/components/ui/button";
import { api, type ApiFailure } from "@/lib/api-client";
import { SubmitButton } from "@/components/ui/submit-button";

/** Server error codes that mean the meeting is no longer upcoming (lib/meetings/errors.ts). */
const MEETING_MOVED_ON = new Set(["meeting_not_upcoming", "meeting_ended", "meeting_cancelled"]);

/** The host changes the time (invitees get an update) or cancels (invitees get a cancellation). */
export function ScheduleManager(props: {
  meetingId: string;
  startsAt?: string;
  timeZone?: string;
  durationMinutes?: number;
  description?: string;
}) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function failed(failure: ApiFailure) {
    setError(failure.message);
    // The meeting started, ended or was cancelled meanwhile: show the page as it is now.
    if (MEETING_MOVED_ON.has(failure.code)) router.refresh();
  }

  async function save(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await api.schedule(props.meetingId, { ...scheduleFromForm(form), description: String(form.get("description") ?? "") });
    setPending(false);
    if (!result.ok) return failed(result);
    setEditing(false);
    router.refresh();
  }

  async function cancel() {
    setPending(true);
    setError(null);
    const result = await api.cancelMeeting(props.meetingId);
    setPending(false);
    if (!result.ok) return failed(result);
    setConfirmCancel(false);
    router.refresh();
  }

  return (
    <div className="flex flex-col gap-3">
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      {editing ? (
        <form onSubmit={save} className="flex flex-col gap-3" aria-label="Change the time">
          <ScheduleFields startsAt={props.startsAt} timeZone={props.timeZone} durationMinutes={props.durationMinutes} />
          <DescriptionField defaultValue={props.description} />
          <div className="flex gap-2">
            <SubmitButton busy={pending}>{pending ? "Saving…" : "Save and notify invitees"}</SubmitButton>
            <button type="button" onClick={() => setEditing(false)} className={buttonClass("secondary")}>
              Keep the current time
            </button>
          </div>
        </form>
      ) : confirmCancel ? (
        <div role="group" aria-label="Cancel the meeting?" className="flex flex-wrap items-center gap-2">
          <p className="text-sm">Cancel this meeting? Its links stop working and invitees are told.</p>
          <button type="button" disabled={pending} onClick={cancel} className={buttonClass("danger")}>
            {pending ? "Cancelling…" : "Yes, cancel the meeting"}
          </button>
          <button type="button" onClick={() => setConfirmCancel(false)} className={buttonClass("secondary")}>
            No, keep it
          </button>
        </div>
      ) : (
        <div className="flex flex-wrap gap-2">
          <button type="button" onClick={() => setEditing(true)} className={buttonClass("secondary")}>
            {props.startsAt ? "Change the time" : "Schedule"}
          </button>
          <button type="button" onClick={() => setConfirmCancel(true)} className={buttonClass("secondary")}>
            Cancel meeting
          </button>
        </div>
      )}
    </div>
  );
}
