"use client";

import { useCallback, useEffect, useReducer } from "react";
import { api } from "@/lib/api-client";
import type { CallEnd, DeviceChoices } from "@/components/meeting/types";
import { REJOIN_DELAYS_MS, initialJoinFlow, joinFlowReducer } from "@/components/meeting/join-flow-state";

/** How often a waiting guest asks whether they were let in. */
const LOBBY_POLL_MS = 1_500;

/**
 * Runs the join flow (join-flow-state.ts) against the API: the join request, the lobby poll
 * while waiting, and the timed rejoins after a lost connection. The server recognises a
 * rejoining member (member cookie or session), so rejoins neither knock nor use the invite.
 */
export function useJoinFlow(joinEndpoint: string) {
  const [state, dispatch] = useReducer(joinFlowReducer, initialJoinFlow);
  const { step, choices } = state;

  const join = useCallback(
    async (name: string, devices: DeviceChoices) => {
      dispatch({ type: "join", choices: { name, devices } });
      dispatch({ type: "joined", answer: await api.join(joinEndpoint, name) });
    },
    [joinEndpoint],
  );

  const knockId = step.kind === "waiting" ? step.knockId : null;
  useEffect(() => {
    if (!knockId) return;
    let stopped = false;
    const timer = setInterval(async () => {
      const answer = await api.checkKnock(knockId);
      if (!stopped) dispatch({ type: "knock-answered", answer });
    }, LOBBY_POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [knockId]);

  const reconnectAttempt = step.kind === "reconnecting" ? step.attempt : null;
  const name = choices?.name ?? "";
  useEffect(() => {
    if (reconnectAttempt === null) return;
    let stopped = false;
    const timer = setTimeout(async () => {
      const answer = await api.join(joinEndpoint, name);
      if (!stopped) dispatch({ type: "rejoin-answered", answer });
    }, REJOIN_DELAYS_MS[reconnectAttempt]);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [reconnectAttempt, joinEndpoint, name]);

  const callEnded = useCallback((why: CallEnd) => dispatch({ type: "call-ended", why }), []);
  const rejoin = choices ? () => join(choices.name, choices.devices) : undefined;
  return { step, join, rejoin, callEnded };
}
