"use client";

import { useLocalParticipant, useParticipants } from "@livekit/components-react";
import type { Participant } from "livekit-client";
import { useCallback, useEffect, useState } from "react";
import { sendJson } from "@/components/ui/send-json";
import { roleLabel } from "@/lib/format";
import dynamic from "next/dynamic";

// Only hosts and co-hosts see the queue, and only with this panel open.
const HandQueue = dynamic(() => import("@/components/meeting/hand-queue"), { ssr: false });

/** How often hosts and co-hosts look for new knocks while the panel exists. */
const LOBBY_POLL_MS = 2_000;

interface Knock {
  id: string;
  displayName: string;
}

interface LobbyState {
  waiting: Knock[];
  locked: boolean;
  lobbyEnabled: boolean;
}

export function roleOf(participant: Pick<Participant, "metadata">): string {
  try {
    return String(JSON.parse(participant.metadata ?? "{}").role ?? "PARTICIPANT");
  } catch {
    return "PARTICIPANT";
  }
}

function onStageOf(participant: Pick<Participant, "metadata">): boolean {
  try {
    return JSON.parse(participant.metadata ?? "{}").onStage === true;
  } catch {
    return false;
  }
}

/**
 * Host and co-host state for the call: the lobby (knocks, lock, lobby on/off). Polls only
 * for moderators; everyone else gets nulls.
 */
export function useLobby(meetingId: string, isModerator: boolean) {
  const [lobby, setLobby] = useState<LobbyState | null>(null);
  const refresh = useCallback(async () => {
    const response = await fetch(`/api/meetings/${meetingId}/lobby`).catch(() => null);
    if (response?.ok) setLobby(await response.json());
  }, [meetingId]);
  useEffect(() => {
    if (!isModerator) return;
    void refresh();
    const timer = setInterval(refresh, LOBBY_POLL_MS);
    return () => clearInterval(timer);
  }, [isModerator, refresh]);
  return { lobby: isModerator ? lobby : null, refresh };
}

/** My role right now: it follows live promotions (metadata), starting from the token's. */
export function useMyRole(initialRole: string): string {
  const { localParticipant } = useLocalParticipant();
  return localParticipant.metadata ? roleOf(localParticipant) : initialRole;
}

interface PeoplePanelProps {
  meetingId: string;
  myRole: string;
  lobby: LobbyState | null;
  refreshLobby: () => Promise<void>;
}

export function PeoplePanel({ meetingId, myRole, lobby, refreshLobby }: PeoplePanelProps) {
  const participants = useParticipants();
  const [error, setError] = useState<string | null>(null);
  const isModerator = myRole === "HOST" || myRole === "COHOST";
  const base = `/api/meetings/${meetingId}`;

  async function act(url: string, body?: unknown, method: "POST" | "PATCH" = "POST") {
    setError(await sendJson(url, method, body));
    await refreshLobby();
  }
  // The switches follow the click at once; the next lobby refresh brings the server's truth.
  const [pendingSettings, setPendingSettings] = useState<Partial<LobbyState>>({});
  async function changeSetting(next: { locked?: boolean; lobbyEnabled?: boolean }) {
    setPendingSettings(next);
    await act(`${base}/settings`, next, "PATCH");
    setPendingSettings({});
  }

  return (
    <section
      id="participant-list"
      aria-label="People"
      className="absolute top-full right-2 z-20 mt-1 flex max-h-[75dvh] w-80 max-w-[calc(100vw-1rem)] flex-col gap-3 overflow-y-auto rounded-lg border border-white/10 bg-[#1a1a1a] p-3 shadow-xl"
    >
      {error && (
        <p role="alert" className="rounded bg-red-900/60 px-2 py-1 text-sm">
          {error}
        </p>
      )}

      {isModerator && <HandQueue participants={participants} onError={setError} />}

      {isModerator && lobby && (
        <div className="flex flex-col gap-2">
          <h2 className="font-medium">Meeting</h2>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={pendingSettings.locked ?? lobby.locked}
              onChange={(e) => changeSetting({ locked: e.target.checked })}
            />
            Lock meeting (no one new can join)
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={pendingSettings.lobbyEnabled ?? lobby.lobbyEnabled}
              onChange={(e) => changeSetting({ lobbyEnabled: e.target.checked })}
            />
            Lobby (admit people one by one)
          </label>
          {lobby.waiting.length > 0 && (
            <>
              <h2 className="mt-1 font-medium">Waiting to join ({lobby.waiting.length})</h2>
              <ul className="flex flex-col gap-1" aria-label="Waiting to join">
                {lobby.waiting.map((knock) => (
                  <li key={knock.id} className="flex items-center justify-between gap-2 text-sm">
                    <span className="truncate">{knock.displayName}</span>
                    <span className="flex shrink-0 gap-1">
                      <button
                        type="button"
                        className="lk-button px-2! py-1!"
                        aria-label={`Admit ${knock.displayName}`}
                        onClick={() => act(`${base}/lobby/${knock.id}`, { admit: true })}
                      >
                        Admit
                      </button>
                      <button
                        type="button"
                        className="lk-button px-2! py-1!"
                        aria-label={`Deny ${knock.displayName}`}
                        onClick={() => act(`${base}/lobby/${knock.id}`, { admit: false })}
                      >
                        Deny
                      </button>
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}

      <div>
        <h2 className="mb-2 font-medium">In this call ({participants.length})</h2>
        <ul className="flex flex-col gap-2" aria-label="In this call">
          {participants.map((p) => {
            const role = roleOf(p);
            const name = p.name || "Unnamed";
            const canActOn = isModerator && !p.isLocal && role !== "HOST" && (role !== "COHOST" || myRole === "HOST");
            const target = `${base}/participants/${encodeURIComponent(p.identity)}`;
            return (
              <li key={p.identity} className="flex flex-col gap-1">
                <div className="flex items-center justify-between gap-2">
                  <span className={`truncate ${p.isSpeaking ? "font-semibold text-green-400" : ""}`}>
                    {name}
                    {p.isLocal ? " (you)" : ""}
                  </span>
                  <span className="shrink-0 text-xs text-white/70">
                    {roleLabel(role)}
                    {role === "VIEWER" && onStageOf(p) ? " · on stage" : ""}
                  </span>
                </div>
                {canActOn && (
                  <div className="flex flex-wrap gap-1 text-xs">
                    {p.isMicrophoneEnabled && (
                      <ActionButton label={`Mute ${name}`} onClick={() => act(`${target}/mute`, { source: "microphone" })}>
                        Mute
                      </ActionButton>
                    )}
                    {p.isCameraEnabled && (
                      <ActionButton label={`Stop ${name}'s camera`} onClick={() => act(`${target}/mute`, { source: "camera" })}>
                        Stop camera
                      </ActionButton>
                    )}
                    {role === "VIEWER" && (
                      <ActionButton
                        label={onStageOf(p) ? `Move ${name} back to the audience` : `Bring ${name} on stage`}
                        onClick={() => act(`${target}/stage`, { onStage: !onStageOf(p) })}
                      >
                        {onStageOf(p) ? "Back to audience" : "Bring on stage"}
                      </ActionButton>
                    )}
                    {myRole === "HOST" && role !== "VIEWER" && (
                      <ActionButton
                        label={role === "COHOST" ? `Make ${name} a participant` : `Make ${name} a co-host`}
                        onClick={() => act(`${target}/cohost`, { coHost: role !== "COHOST" })}
                      >
                        {role === "COHOST" ? "Remove co-host" : "Make co-host"}
                      </ActionButton>
                    )}
                    <ActionButton label={`Remove ${name} from the meeting`} onClick={() => act(`${target}/remove`)}>
                      Remove
                    </ActionButton>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}

function ActionButton({ label, onClick, children }: { label: string; onClick: () => void; children: React.ReactNode }) {
  return (
    <button type="button" aria-label={label} onClick={onClick} className="rounded border border-white/20 px-2 py-0.5 hover:bg-white/10">
      {children}
    </button>
  );
}
