"use client";

import { useState } from "react";
import { api, type MeetingSettings } from "@/lib/api-client";

const SWITCHES = [
  { setting: "lobbyEnabled", label: "Lobby: people wait until you admit them" },
  { setting: "locked", label: "Locked: no one new can join, even with a valid link" },
] as const;

/**
 * The lock and lobby switches, on the meeting page and in the call's people panel. A switch
 * follows the click at once, goes back if the server refuses, and otherwise shows the click
 * until the props bring the server's answer (`onChanged` asks for it).
 */
export function SettingsSwitches({
  meetingId,
  locked,
  lobbyEnabled,
  onChanged,
  className = "",
}: {
  meetingId: string;
  locked: boolean;
  lobbyEnabled: boolean;
  onChanged?: () => void;
  className?: string;
}) {
  const [clicked, setClicked] = useState<{ next: MeetingSettings; seenWith: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = { locked, lobbyEnabled };
  const fromServer = `${locked}/${lobbyEnabled}`;
  // A click shows only while the props are those it was made on: new props are the truth.
  const pending = clicked?.seenWith === fromServer ? clicked.next : {};
  async function change(next: MeetingSettings) {
    setClicked({ next, seenWith: fromServer });
    const result = await api.updateSettings(meetingId, next);
    setError(result.ok ? null : result.message);
    if (result.ok) onChanged?.();
    else setClicked(null);
  }
  return (
    <div className={`flex flex-col gap-2 text-sm ${className}`}>
      {SWITCHES.map(({ setting, label }) => (
        <label key={setting} className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={pending[setting] ?? current[setting]}
            onChange={(e) => change({ [setting]: e.target.checked })}
            className="size-4"
          />
          {label}
        </label>
      ))}
      {error && (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
