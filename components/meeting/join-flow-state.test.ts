import { describe, expect, it } from "vitest";
import type { ApiFailure, ApiResult, JoinAnswer } from "@/lib/api-client";
import { REJOIN_DELAYS_MS, initialJoinFlow, joinFlowReducer, type JoinFlowState } from "@/components/meeting/join-flow-state";
import type { JoinGrant } from "@/components/meeting/types";

const devices = { audioEnabled: true, videoEnabled: false, audioDeviceId: "default", videoDeviceId: "" };
const grant: JoinGrant = {
  serverUrl: "ws://sfu",
  token: "t",
  identity: "guest_1",
  displayName: "Ann",
  role: "PARTICIPANT",
  meetingId: "m",
};
const admitted: ApiResult<JoinAnswer> = { ok: true, status: 200, data: { kind: "admitted", grant } };
const waiting: ApiResult<JoinAnswer> = { ok: true, status: 202, data: { kind: "waiting", knockId: "k1" } };
const refused = (code: string, status = 403): ApiFailure => ({ ok: false, status, code, message: `said: ${code}`, issues: [] });

function run(...events: Parameters<typeof joinFlowReducer>[1][]): JoinFlowState {
  return events.reduce(joinFlowReducer, initialJoinFlow);
}
const join = { type: "join", choices: { name: "Ann", devices } } as const;
const inCall = [join, { type: "joined", answer: admitted }] as const;
const lost = { type: "call-ended", why: "connection-lost" } as const;

describe("the join flow", () => {
  it("goes from pre-join to the call with the devices chosen", () => {
    expect(run(join).step).toEqual({ kind: "joining" });
    expect(run(...inCall).step).toEqual({ kind: "in-call", grant, devices });
  });

  it("shows the server's message on the pre-join screen when joining is refused", () => {
    expect(run(join, { type: "joined", answer: refused("meeting_locked") }).step).toEqual({
      kind: "pre-join",
      error: "said: meeting_locked",
    });
  });

  it("waits in the lobby until admitted, and keeps waiting while the answer is 'waiting'", () => {
    const knocked = run(join, { type: "joined", answer: waiting });
    expect(knocked.step).toEqual({ kind: "waiting", knockId: "k1" });
    expect(joinFlowReducer(knocked, { type: "knock-answered", answer: waiting })).toBe(knocked);
    expect(joinFlowReducer(knocked, { type: "knock-answered", answer: admitted }).step).toEqual({ kind: "in-call", grant, devices });
  });

  it("tells a denied guest they were not admitted, by the error code and not the status", () => {
    const knocked = run(join, { type: "joined", answer: waiting });
    expect(joinFlowReducer(knocked, { type: "knock-answered", answer: refused("not_admitted") }).step).toEqual({ kind: "denied" });
    // Another 403 (say, the meeting was locked) is not a denial: its message is shown.
    expect(joinFlowReducer(knocked, { type: "knock-answered", answer: refused("meeting_locked") }).step).toEqual({
      kind: "pre-join",
      error: "said: meeting_locked",
    });
  });

  it("rejoins by itself after a lost connection", () => {
    const reconnecting = run(...inCall, lost);
    expect(reconnecting.step).toEqual({ kind: "reconnecting", attempt: 0 });
    const failedOnce = joinFlowReducer(reconnecting, { type: "rejoin-answered", answer: refused("media_server_unavailable", 503) });
    expect(failedOnce.step).toEqual({ kind: "reconnecting", attempt: 1 });
    expect(joinFlowReducer(failedOnce, { type: "rejoin-answered", answer: admitted }).step).toEqual({ kind: "in-call", grant, devices });
  });

  it("stops rejoining when the meeting ended or the person was removed, by error code", () => {
    const reconnecting = run(...inCall, lost);
    expect(joinFlowReducer(reconnecting, { type: "rejoin-answered", answer: refused("meeting_ended", 410) }).step).toEqual({
      kind: "after-call",
      why: "ended-by-host",
    });
    expect(joinFlowReducer(reconnecting, { type: "rejoin-answered", answer: refused("removed_from_meeting") }).step).toEqual({
      kind: "after-call",
      why: "removed",
    });
  });

  it("gives up after the last planned rejoin and offers the Rejoin prompt", () => {
    let state = run(...inCall, lost);
    for (let i = 0; i < REJOIN_DELAYS_MS.length; i++) {
      state = joinFlowReducer(state, { type: "rejoin-answered", answer: refused("network_error", 0) });
    }
    expect(state.step).toEqual({ kind: "after-call", why: "connection-lost" });
    expect(state.choices).toEqual({ name: "Ann", devices });
  });

  it("ignores an answer that arrives after the person moved on", () => {
    const left = run(...inCall, { type: "call-ended", why: "left" });
    expect(left.step).toEqual({ kind: "after-call", why: "left" });
    expect(joinFlowReducer(left, { type: "rejoin-answered", answer: admitted })).toBe(left);
    expect(joinFlowReducer(left, { type: "knock-answered", answer: admitted })).toBe(left);
  });
});
