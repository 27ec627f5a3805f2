/**
 * The join flow as a state machine, apart from React and the network: pre-join → joining →
 * (waiting in the lobby) → in the call → after the call, with automatic rejoin after a lost
 * connection. Server answers are branched on their error codes (lib/api-client.ts), never on
 * HTTP statuses. use-join-flow.ts runs the effects; join-flow.tsx draws each step.
 */
import type { ApiResult, JoinAnswer } from "@/lib/api-client";
import type { CallEnd, DeviceChoices, JoinGrant } from "@/components/meeting/types";

export type Step =
  | { kind: "pre-join"; error?: string }
  | { kind: "joining" }
  | { kind: "waiting"; knockId: string }
  | { kind: "denied" }
  | { kind: "in-call"; grant: JoinGrant; devices: DeviceChoices }
  | { kind: "reconnecting"; attempt: number }
  | { kind: "after-call"; why: CallEnd };

export interface Choices {
  name: string;
  devices: DeviceChoices;
}

export interface JoinFlowState {
  step: Step;
  /** What the person chose last: rejoins and lobby admissions reuse it. */
  choices: Choices | null;
}

export type JoinFlowEvent =
  | { type: "join"; choices: Choices }
  | { type: "joined"; answer: ApiResult<JoinAnswer> }
  | { type: "knock-answered"; answer: ApiResult<JoinAnswer> }
  | { type: "rejoin-answered"; answer: ApiResult<JoinAnswer> }
  | { type: "call-ended"; why: CallEnd };

/**
 * Automatic rejoin after the connection is lost (e.g. the media server restarted): quick
 * first tries, then every 2 s for about half a minute, then the "Rejoin" prompt. A long
 * exponential back-off would leave people waiting seconds after the server is back.
 */
export const REJOIN_DELAYS_MS = [500, 1_000, ...Array<number>(13).fill(2_000)];

export const initialJoinFlow: JoinFlowState = { step: { kind: "pre-join" }, choices: null };

export function joinFlowReducer(state: JoinFlowState, event: JoinFlowEvent): JoinFlowState {
  const step = nextStep(state, event);
  const choices = event.type === "join" ? event.choices : state.choices;
  return step === state.step && choices === state.choices ? state : { step, choices };
}

function nextStep({ step, choices }: JoinFlowState, event: JoinFlowEvent): Step {
  switch (event.type) {
    case "join":
      return { kind: "joining" };
    case "joined":
      if (step.kind !== "joining") return step;
      if (!event.answer.ok) return { kind: "pre-join", error: event.answer.message };
      return admittedOrWaiting(event.answer.data, choices);
    case "knock-answered": {
      if (step.kind !== "waiting") return step;
      const { answer } = event;
      if (answer.ok) return answer.data.kind === "waiting" ? step : admittedOrWaiting(answer.data, choices);
      if (answer.code === "not_admitted") return { kind: "denied" };
      return { kind: "pre-join", error: answer.message };
    }
    case "rejoin-answered": {
      if (step.kind !== "reconnecting") return step;
      const { answer } = event;
      if (answer.ok && answer.data.kind === "admitted") return admittedOrWaiting(answer.data, choices);
      if (!answer.ok && answer.code === "meeting_ended") return { kind: "after-call", why: "ended-by-host" };
      if (!answer.ok && answer.code === "removed_from_meeting") return { kind: "after-call", why: "removed" };
      return reconnecting(step.attempt + 1);
    }
    case "call-ended":
      if (step.kind !== "in-call") return step;
      return event.why === "connection-lost" ? reconnecting(0) : { kind: "after-call", why: event.why };
  }
}

function admittedOrWaiting(answer: JoinAnswer, choices: Choices | null): Step {
  if (answer.kind === "waiting") return { kind: "waiting", knockId: answer.knockId };
  if (!choices) return { kind: "pre-join" };
  return { kind: "in-call", grant: answer.grant, devices: choices.devices };
}

/** Tries again while there are delays left, then tells the person the connection was lost. */
function reconnecting(attempt: number): Step {
  return attempt < REJOIN_DELAYS_MS.length ? { kind: "reconnecting", attempt } : { kind: "after-call", why: "connection-lost" };
}
