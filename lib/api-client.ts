/**
 * The browser's one way to call Parley's JSON API. Every call resolves (it never throws) to
 * a typed result: the data, or the error the server sent (its `code` to branch on, its
 * `message` to show; lib/http/responses.ts). A request that never got an answer, and an
 * error that is not the API's JSON (a proxy's HTML page, say), get codes of their own, so a
 * component never guesses from an HTTP status.
 */
import type { JoinGrant, MeetingRole } from "@/lib/meetings/roles";
import type { CreateMeetingInput } from "@/lib/validations/meeting";

export interface ApiFailure {
  ok: false;
  /** 0 when no response arrived. */
  status: number;
  /** The server's error code (e.g. "meeting_ended"), or "network_error" / "unexpected_response". */
  code: string;
  message: string;
  issues: { path: string; message: string }[];
}
export type ApiResult<T> = { ok: true; status: number; data: T } | ApiFailure;

export const NETWORK_ERROR = "network_error";
export const NETWORK_ERROR_MESSAGE = "Could not reach the server. Check your connection and try again.";
export const UNEXPECTED_RESPONSE = "unexpected_response";

async function call<T>(method: "GET" | "POST" | "PATCH", url: string, body?: unknown): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return failure(0, NETWORK_ERROR, NETWORK_ERROR_MESSAGE);
  }
  const json: unknown = response.status === 204 ? null : await response.json().catch(() => undefined);
  if (response.ok) return { ok: true, status: response.status, data: json as T };
  const error = (json as { error?: Partial<Omit<ApiFailure, "ok" | "status">> } | undefined)?.error;
  if (typeof error?.code === "string" && typeof error.message === "string") {
    return failure(response.status, error.code, error.message, error.issues);
  }
  return failure(response.status, UNEXPECTED_RESPONSE, `The server answered with an error (HTTP ${response.status}). Please try again.`);
}

function failure(status: number, code: string, message: string, issues: ApiFailure["issues"] = []): ApiFailure {
  return { ok: false, status, code, message, issues };
}

/** Joining answers with a token, or with a knock to wait on when the lobby is on. */
export type JoinAnswer = { kind: "admitted"; grant: JoinGrant } | { kind: "waiting"; knockId: string };

function joinAnswer(result: ApiResult<JoinGrant | { status: "waiting"; knockId: string }>): ApiResult<JoinAnswer> {
  if (!result.ok) return result;
  const data = result.data;
  if ("status" in data && data.status === "waiting") return { ...result, data: { kind: "waiting", knockId: data.knockId } };
  return { ...result, data: { kind: "admitted", grant: data as JoinGrant } };
}

export interface LobbyState {
  waiting: { id: string; displayName: string }[];
  locked: boolean;
  lobbyEnabled: boolean;
}
export interface MeetingSettings {
  locked?: boolean;
  lobbyEnabled?: boolean;
}
export interface CreatedInvite {
  id: string;
  role: string;
  url: string;
  expiresAt: string | null;
  maxUses: number | null;
}

/** A new time as the host enters it (lib/validations/schedule.ts scheduleSchema). */
export interface ScheduleChange {
  startsAt: string;
  timeZone: string;
  durationMinutes: number;
  description?: string;
}
/** One address's outcome of "invite by email" (or of notifying invitees of a change). */
export interface InvitationResult {
  email: string;
  status: "SENT" | "FAILED";
  error: string | null;
}
/** A stored chat message as the API returns it (lib/meetings/chat.ts ChatMessageView). */
export interface ChatMessage {
  id: string;
  identity: string;
  senderName: string;
  senderRole: MeetingRole;
  text: string;
  sentAt: string;
}

const meeting = (meetingId: string) => `/api/meetings/${encodeURIComponent(meetingId)}`;
const participant = (meetingId: string, identity: string) => `${meeting(meetingId)}/participants/${encodeURIComponent(identity)}`;

export const api = {
  /** POST to a join endpoint: an invite's (`/api/invites/<token>/join`) or the host's token route. */
  join: async (endpoint: string, name: string) => joinAnswer(await call("POST", endpoint, name ? { name } : {})),
  /** A waiting guest asks how their knock went. */
  /** Asks the server to apply this member's rights in the room now (instead of on LiveKit's webhook). */
  claimAdmission: (meetingId: string) => call<{ outcome: string }>("POST", `${meeting(meetingId)}/admission`, {}),
  checkKnock: async (knockId: string) => joinAnswer(await call("POST", `/api/lobby/${encodeURIComponent(knockId)}`, {})),

  createMeeting: (input: CreateMeetingInput) =>
    call<{ id: string; title: string; inviteUrl: string; e2ee: boolean }>("POST", "/api/meetings", input),
  endMeeting: (meetingId: string) => call<{ id: string; status: string }>("POST", `${meeting(meetingId)}/end`),
  updateSettings: (meetingId: string, settings: MeetingSettings) =>
    call<Required<MeetingSettings>>("PATCH", `${meeting(meetingId)}/settings`, settings),

  schedule: (meetingId: string, change: ScheduleChange) =>
    call<{ startsAt: string; durationMinutes: number; timeZone: string; notified: InvitationResult[] }>(
      "PATCH",
      `${meeting(meetingId)}/schedule`,
      change,
    ),
  cancelMeeting: (meetingId: string) => call<{ status: string; notified: InvitationResult[] }>("POST", `${meeting(meetingId)}/cancel`),
  inviteByEmail: (meetingId: string, emails: string[]) =>
    call<{ results: InvitationResult[] }>("POST", `${meeting(meetingId)}/invitations`, { emails }),

  chatHistory: (meetingId: string) => call<{ messages: ChatMessage[] }>("GET", `${meeting(meetingId)}/chat`),
  /** `relayed` is false when the message was stored but could not be delivered live. */
  sendChat: (meetingId: string, text: string) =>
    call<{ message: ChatMessage; relayed: boolean }>("POST", `${meeting(meetingId)}/chat`, { text }),

  lobby: (meetingId: string) => call<LobbyState>("GET", `${meeting(meetingId)}/lobby`),
  decideKnock: (meetingId: string, knockId: string, admit: boolean) =>
    call<null>("POST", `${meeting(meetingId)}/lobby/${encodeURIComponent(knockId)}`, { admit }),

  createInvite: (meetingId: string, input: { role: string; expiresInMinutes?: number; maxUses?: number }) =>
    call<CreatedInvite>("POST", `${meeting(meetingId)}/invites`, input),
  revokeInvite: (meetingId: string, inviteId: string) =>
    call<null>("POST", `${meeting(meetingId)}/invites/${encodeURIComponent(inviteId)}/revoke`),
  rotateInvite: (meetingId: string, inviteId: string) =>
    call<{ url: string }>("POST", `${meeting(meetingId)}/invites/${encodeURIComponent(inviteId)}/rotate`),

  mute: (meetingId: string, identity: string, source: "microphone" | "camera") =>
    call<{ muted: number }>("POST", `${participant(meetingId, identity)}/mute`, { source }),
  setOnStage: (meetingId: string, identity: string, onStage: boolean) =>
    call<unknown>("POST", `${participant(meetingId, identity)}/stage`, { onStage }),
  setCoHost: (meetingId: string, identity: string, coHost: boolean) =>
    call<unknown>("POST", `${participant(meetingId, identity)}/cohost`, { coHost }),
  /** Raises or lowers my own hand (the server sets the attribute everyone sees). */
  setOwnHand: (meetingId: string, raised: boolean) => call<unknown>("POST", `${meeting(meetingId)}/hand`, { raised }),
  /** A host or co-host lowers someone's hand. */
  lowerHand: (meetingId: string, identity: string) => call<unknown>("POST", `${participant(meetingId, identity)}/hand`, { raised: false }),
  remove: (meetingId: string, identity: string) => call<null>("POST", `${participant(meetingId, identity)}/remove`),

  /** Ends every session of the signed-in account on the server ("sign out of all devices"). */
  signOutEverywhere: () => call<null>("POST", "/api/account/sign-out-everywhere"),

  signUp: (input: { name: string; email: string; password: string }) => call<{ id: string; email: string }>("POST", "/api/sign-up", input),
};
