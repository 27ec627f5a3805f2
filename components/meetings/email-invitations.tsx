"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, type InvitationResult } from "@/lib/api-client";
import { SubmitButton } from "@/components/ui/submit-button";

/** "Invite by email": addresses separated by commas, spaces or lines; each one's outcome is shown. */
export function EmailInviteForm({ meetingId }: { meetingId: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [results, setResults] = useState<InvitationResult[] | null>(null);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const emails = String(new FormData(formElement).get("emails") ?? "")
      .split(/[\s,;]+/)
      .filter(Boolean);
    setPending(true);
    setError(null);
    setResults(null);
    const result = await api.inviteByEmail(meetingId, emails);
    setPending(false);
    if (!result.ok) return setError(result.message);
    setResults(result.data.results);
    if (result.data.results.every((r) => r.status === "SENT")) formElement.reset();
    router.refresh();
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-2">
      <label className="flex flex-col gap-1">
        <span className="text-sm font-medium">Email addresses</span>
        <textarea
          name="emails"
          rows={2}
          required
          placeholder="ada@example.org, grace@example.org"
          className="rounded-md border border-slate-300 px-3 py-2 dark:border-slate-700 dark:bg-slate-950"
        />
      </label>
      <div>
        <SubmitButton variant="secondary" busy={pending}>
          {pending ? "Sending…" : "Send invitations"}
        </SubmitButton>
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      {results && (
        <p role="status" className="text-sm">
          {results.filter((r) => r.status === "SENT").length} sent, {results.filter((r) => r.status === "FAILED").length} failed.
        </p>
      )}
    </form>
  );
}
