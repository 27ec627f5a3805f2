"use client";

import { useLocalParticipant } from "@livekit/components-react";
import { useCallback, useEffect, useState } from "react";
import { api, type LobbyState } from "@/lib/api-client";
import { parseRoleMetadata, type MeetingRole } from "@/lib/meetings/roles";

/** How often hosts and co-hosts look for new knocks while the call is open. */
const LOBBY_POLL_MS = 2_000;

/**
 * The lobby as moderators see it (knocks, lock, lobby on/off), polled only for them:
 * everyone else gets null. `refresh` asks again at once (after an action).
 */
export function useLobby(meetingId: string, isModerator: boolean) {
  const [lobby, setLobby] = useState<LobbyState | null>(null);
  const [asked, setAsked] = useState(0);
  const refresh = useCallback(() => setAsked((n) => n + 1), []);
  useEffect(() => {
    if (!isModerator) return;
    let stopped = false;
    const poll = async () => {
      const result = await api.lobby(meetingId);
      if (!stopped && result.ok) setLobby(result.data);
    };
    void poll();
    const timer = setInterval(poll, LOBBY_POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [isModerator, meetingId, asked]);
  return { lobby: isModerator ? lobby : null, refresh };
}

/** My role right now: it follows live promotions (metadata), starting from the token's. */
export function useMyRole(initialRole: MeetingRole): MeetingRole {
  const { localParticipant } = useLocalParticipant();
  return parseRoleMetadata(localParticipant.metadata).role ?? initialRole;
}
