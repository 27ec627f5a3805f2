"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { MissingKeyNotice, useCompleteLink } from "@/components/meetings/encrypted-links";
import { CopyButton } from "@/components/ui/copy-button";
import { SettingsSwitches } from "@/components/meetings/settings-switches";
import { api, type ApiResult } from "@/lib/api-client";
import { SubmitButton } from "@/components/ui/submit-button";

export interface InviteRow {
  id: string;
  role: string;
  url: string | null;
  expiresAt: string | null;
  maxUses: number | null;
  uses: number;
}

const roleNames: Record<string, string> = {
  PARTICIPANT: "Participant",
  VIEWER: "Viewer (watch only)",
  COHOST: "Co-host",
};

const expiryChoices = [
  { label: "Never", minutes: undefined },
  { label: "1 hour", minutes: 60 },
  { label: "1 day", minutes: 24 * 60 },
  { label: "7 days", minutes: 7 * 24 * 60 },
];

/** The host's invite links: one per role/purpose, each revocable and rotatable. */
export function InviteManager({ meetingId, invites, e2ee = false }: { meetingId: string; invites: InviteRow[]; e2ee?: boolean }) {
  const router = useRouter();
  const links = useCompleteLink(meetingId, e2ee);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function run(request: Promise<ApiResult<unknown>>) {
    setPending(true);
    const result = await request;
    setError(result.ok ? null : result.message);
    setPending(false);
    if (result.ok) router.refresh();
  }

  async function create(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const expiry = expiryChoices[Number(form.get("expiry"))]?.minutes;
    const maxUses = String(form.get("maxUses") ?? "").trim();
    await run(
      api.createInvite(meetingId, {
        role: String(form.get("role")),
        ...(expiry && { expiresInMinutes: expiry }),
        ...(maxUses && { maxUses: Number(maxUses) }),
      }),
    );
  }

  return (
    <div className="flex flex-col gap-4">
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      {links.missingKey && <MissingKeyNotice />}
      <ul className="flex flex-col gap-3" aria-label="Invite links">
        {invites.map((invite) => (
          <li key={invite.id} className="flex flex-col gap-2 rounded-lg border border-slate-200 p-3 dark:border-slate-800">
            <p className="text-sm">
              <span className="font-medium">{roleNames[invite.role] ?? invite.role}</span>
              <span className="text-slate-600 dark:text-slate-400">
                {" · "}
                {invite.uses} {invite.uses === 1 ? "use" : "uses"}
                {invite.maxUses !== null && ` of ${invite.maxUses}`}
                {invite.expiresAt && ` · expires ${new Date(invite.expiresAt).toUTCString()}`}
              </span>
            </p>
            {invite.url && (
              <div className="flex flex-wrap items-center gap-2">
                <input
                  readOnly
                  value={links.complete(invite.url)}
                  aria-label={`${roleNames[invite.role] ?? invite.role} invite link`}
                  className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm dark:border-slate-700 dark:bg-slate-950"
                />
                <CopyButton value={links.complete(invite.url)} label="Copy" />
                <button
                  type="button"
                  disabled={pending}
                  onClick={() => run(api.rotateInvite(meetingId, invite.id))}
                  className={buttonClass("secondary")}
                >
                  New link
                </button>
                <button
                  type="button"
                  disabled={pending}
                  onClick={() => run(api.revokeInvite(meetingId, invite.id))}
                  className={buttonClass("secondary")}
                >
                  Revoke
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>

      <form onSubmit={create} className="flex flex-wrap items-end gap-3" aria-label="Create an invite link">
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Role</span>
          <select
            name="role"
            defaultValue="PARTICIPANT"
            className="rounded-md border border-slate-300 px-2 py-2 dark:border-slate-700 dark:bg-slate-950"
          >
            {Object.entries(roleNames).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Expires</span>
          <select
            name="expiry"
            defaultValue="0"
            className="rounded-md border border-slate-300 px-2 py-2 dark:border-slate-700 dark:bg-slate-950"
          >
            {expiryChoices.map((choice, i) => (
              <option key={choice.label} value={i}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Max uses (optional)</span>
          <input
            name="maxUses"
            type="number"
            min={1}
            max={1000}
            className="w-32 rounded-md border border-slate-300 px-2 py-2 dark:border-slate-700 dark:bg-slate-950"
          />
        </label>
        <SubmitButton busy={pending}>Create link</SubmitButton>
      </form>
    </div>
  );
}

/** Lock and lobby switches on the meeting page. */
export function MeetingSwitches({ meetingId, locked, lobbyEnabled }: { meetingId: string; locked: boolean; lobbyEnabled: boolean }) {
  const router = useRouter();
  return <SettingsSwitches meetingId={meetingId} locked={locked} lobbyEnabled={lobbyEnabled} onChanged={() => router.refresh()} />;
}
