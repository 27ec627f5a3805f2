"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { generateMeetingKey, linkWithKey, rememberKey } from "@/lib/e2ee-key";
import { DescriptionField, ScheduleFields, scheduleFromForm } from "@/components/meetings/schedule-fields";
import { api } from "@/lib/api-client";
import { SubmitButton } from "@/components/ui/submit-button";

interface Created {
  id: string;
  title: string;
  inviteUrl: string;
}

/** One step: optional title and settings, then "Create" (shows the link) or "Start now". */
export function CreateMeetingForm() {
  const router = useRouter();
  const [pending, setPending] = useState<"create" | "start" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const [scheduling, setScheduling] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const startNow = submitter?.value === "start";
    const form = new FormData(event.currentTarget);
    setPending(startNow ? "start" : "create");
    setError(null);
    const result = await api.createMeeting({
      title: String(form.get("title") ?? ""),
      guestsAllowed: form.get("guestsAllowed") === "on",
      maxParticipants: Number(form.get("maxParticipants")),
      e2ee: form.get("e2ee") === "on",
      ...(scheduling && { schedule: scheduleFromForm(form), description: String(form.get("description") ?? "") }),
    });
    if (!result.ok) {
      setPending(null);
      setError(result.message);
      return;
    }
    const created = { ...result.data };
    if (created.e2ee) {
      // The key is born here and never sent: it goes into the link's fragment and this
      // browser's storage (for the host's own way in), nowhere else.
      const key = generateMeetingKey();
      rememberKey(created.id, key);
      created.inviteUrl = linkWithKey(created.inviteUrl, key);
    }
    if (startNow) {
      router.push(`/m/${created.id}`);
      return;
    }
    setPending(null);
    setCreated(created);
    router.refresh();
  }

  return (
    <div className="flex flex-col gap-5">
      <form onSubmit={submit} className="flex flex-col gap-4" aria-describedby={error ? "create-error" : undefined}>
        <div className="grid gap-4 sm:grid-cols-[1fr_auto]">
          <label className="flex flex-col gap-1">
            <span className="text-sm font-medium">Title (optional)</span>
            <input
              name="title"
              maxLength={100}
              placeholder="e.g. Weekly sync"
              className="rounded-md border border-slate-300 px-3 py-2 dark:border-slate-700 dark:bg-slate-950"
            />
          </label>
          <label className="flex flex-col gap-1">
            <span className="text-sm font-medium">Max participants</span>
            <input
              name="maxParticipants"
              type="number"
              min={2}
              max={100}
              defaultValue={50}
              required
              className="w-32 rounded-md border border-slate-300 px-3 py-2 dark:border-slate-700 dark:bg-slate-950"
            />
          </label>
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input name="guestsAllowed" type="checkbox" defaultChecked className="size-4" />
          Allow guests without an account (otherwise everyone must sign in)
        </label>
        <label className="flex items-start gap-2 text-sm">
          <input name="e2ee" type="checkbox" className="mt-0.5 size-4" aria-describedby="e2ee-help" />
          <span>
            End-to-end encryption
            <span id="e2ee-help" className="block text-slate-600 dark:text-slate-300">
              Audio, video and chat can only be read by people with the full link; the server cannot. Chat is not stored.
            </span>
          </span>
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={scheduling} onChange={(e) => setScheduling(e.currentTarget.checked)} className="size-4" />
          Schedule for later (a start time, calendar invitations)
        </label>
        {scheduling && (
          <>
            <ScheduleFields />
            <DescriptionField />
          </>
        )}
        {error && (
          <p id="create-error" role="alert" className="text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
        <div className="flex flex-wrap gap-3">
          <SubmitButton name="action" value="create" variant="secondary" disabled={pending !== null} busy={pending === "create"}>
            {pending === "create" ? "Creating…" : "Create meeting"}
          </SubmitButton>
          {!scheduling && (
            <SubmitButton name="action" value="start" disabled={pending !== null} busy={pending === "start"}>
              {pending === "start" ? "Starting…" : "Start now"}
            </SubmitButton>
          )}
        </div>
      </form>

      {created && (
        <div role="status" className="rounded-lg border border-green-300 bg-green-50 p-4 dark:border-green-800 dark:bg-green-950">
          <p className="mb-2 font-medium">“{created.title}” is ready. Share this link:</p>
          <div className="flex flex-wrap items-center gap-2">
            <input
              readOnly
              value={created.inviteUrl}
              aria-label="Invite link"
              onFocus={(e) => e.currentTarget.select()}
              className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm dark:border-slate-700 dark:bg-slate-950"
            />
            <CopyButton value={created.inviteUrl} />
            <Link href={`/meetings/${created.id}`} className={buttonClass("secondary")}>
              Open meeting
            </Link>
          </div>
        </div>
      )}
    </div>
  );
}
