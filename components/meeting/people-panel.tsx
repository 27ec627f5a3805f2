"use client";

import { useParticipants } from "@livekit/components-react";
import { useState } from "react";
import { SettingsSwitches } from "@/components/meetings/settings-switches";
import { api, type ApiResult, type LobbyState } from "@/lib/api-client";
import { roleLabel } from "@/lib/format";
import { canActOn, isModerator, parseRoleMetadata, type MeetingRole } from "@/lib/meetings/roles";
import dynamic from "next/dynamic";

// Only hosts and co-hosts see the queue, and only with this panel open.
const HandQueue = dynamic(() => import("@/components/meeting/hand-queue"), { ssr: false });

interface PeoplePanelProps {
  meetingId: string;
  myRole: MeetingRole;
  /** The lobby state for moderators (use-lobby.ts), null for everyone else. */
  lobby: LobbyState | null;
  refreshLobby: () => void;
}

export function PeoplePanel({ meetingId, myRole, lobby, refreshLobby }: PeoplePanelProps) {
  const participants = useParticipants();
  const [error, setError] = useState<string | null>(null);

  async function act(request: Promise<ApiResult<unknown>>) {
    const result = await request;
    setError(result.ok ? null : result.message);
    refreshLobby();
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

      {isModerator(myRole) && <HandQueue meetingId={meetingId} participants={participants} onError={setError} />}

      {isModerator(myRole) && lobby && (
        <div className="flex flex-col gap-2">
          <h2 className="font-medium">Meeting</h2>
          <SettingsSwitches meetingId={meetingId} locked={lobby.locked} lobbyEnabled={lobby.lobbyEnabled} onChanged={refreshLobby} />
          {lobby.waiting.length > 0 && (
            <>
              <h2 className="mt-1 font-medium">Waiting to join ({lobby.waiting.length})</h2>
              <ul className="flex flex-col gap-1" aria-label="Waiting to join">
                {lobby.waiting.map((knock) => (
                  <li key={knock.id} className="flex items-center justify-between gap-2 text-sm">
                    <span className="truncate">{knock.displayName}</span>
                    <span className="flex shrink-0 gap-1">
                      {(["Admit", "Deny"] as const).map((decision) => (
                        <button
                          key={decision}
                          type="button"
                          className="lk-button px-2! py-1!"
                          aria-label={`${decision} ${knock.displayName}`}
                          onClick={() => act(api.decideKnock(meetingId, knock.id, decision === "Admit"))}
                        >
                          {decision}
                        </button>
                      ))}
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
            // The server checks every action again; this only decides which buttons to offer.
            const { role: knownRole, onStage } = parseRoleMetadata(p.metadata);
            const role = knownRole ?? "PARTICIPANT";
            const name = p.name || "Unnamed";
            const mayAct = !p.isLocal && canActOn(myRole, role);
            return (
              <li key={p.identity} className="flex flex-col gap-1">
                <div className="flex items-center justify-between gap-2">
                  <span className={`truncate ${p.isSpeaking ? "font-semibold text-green-400" : ""}`}>
                    {name}
                    {p.isLocal ? " (you)" : ""}
                  </span>
                  <span className="shrink-0 text-xs text-white/70">
                    {roleLabel(role)}
                    {role === "VIEWER" && onStage ? " · on stage" : ""}
                  </span>
                </div>
                {mayAct && (
                  <div className="flex flex-wrap gap-1 text-xs">
                    {p.isMicrophoneEnabled && (
                      <ActionButton label={`Mute ${name}`} onClick={() => act(api.mute(meetingId, p.identity, "microphone"))}>
                        Mute
                      </ActionButton>
                    )}
                    {p.isCameraEnabled && (
                      <ActionButton label={`Stop ${name}'s camera`} onClick={() => act(api.mute(meetingId, p.identity, "camera"))}>
                        Stop camera
                      </ActionButton>
                    )}
                    {role === "VIEWER" && (
                      <ActionButton
                        label={onStage ? `Move ${name} back to the audience` : `Bring ${name} on stage`}
                        onClick={() => act(api.setOnStage(meetingId, p.identity, !onStage))}
                      >
                        {onStage ? "Back to audience" : "Bring on stage"}
                      </ActionButton>
                    )}
                    {myRole === "HOST" && role !== "VIEWER" && (
                      <ActionButton
                        label={role === "COHOST" ? `Make ${name} a participant` : `Make ${name} a co-host`}
                        onClick={() => act(api.setCoHost(meetingId, p.identity, role !== "COHOST"))}
                      >
                        {role === "COHOST" ? "Remove co-host" : "Make co-host"}
                      </ActionButton>
                    )}
                    <ActionButton label={`Remove ${name} from the meeting`} onClick={() => act(api.remove(meetingId, p.identity))}>
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
