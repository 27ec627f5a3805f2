/**
 * Domain errors of meetings, invites and joining. Each carries its HTTP status and the
 * sentence a person sees; lib/http/handle.ts (errorResponse) maps them to responses in one place.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
}

function domainError(code: string, status: number, message: string) {
  return class extends DomainError {
    readonly status = status;
    readonly code = code;
    constructor(detail = message) {
      super(detail);
      this.name = code;
    }
  };
}

export class NotSignedIn extends domainError("not_signed_in", 401, "Please sign in first.") {}
export class SignInRequired extends domainError(
  "sign_in_required",
  401,
  "The host requires everyone to sign in before joining this meeting.",
) {}
export class NotHost extends domainError("not_host", 403, "Only the host can do this.") {}
export class NotModerator extends domainError("not_moderator", 403, "Only the host or a co-host can do this.") {}
export class CannotModerate extends domainError("cannot_moderate", 403, "You cannot do this to the host or to another co-host.") {}
export class RemovedFromMeeting extends domainError("removed_from_meeting", 403, "You were removed from this meeting by the host.") {}
export class NotAdmitted extends domainError("not_admitted", 403, "The host did not let you in.") {}
export class NotACoHost extends domainError("not_a_cohost", 409, "Only a co-host can be demoted: this person is not a co-host.") {}
export class ParticipantNotFound extends domainError("participant_not_found", 404, "That person is not in this meeting.") {}
export class InviteNotFound extends domainError("invite_not_found", 404, "That invite link does not exist.") {}
export class KnockNotFound extends domainError("knock_not_found", 404, "That request to join does not exist.") {}
export class MeetingLocked extends domainError("meeting_locked", 403, "The host has locked this meeting: no one new can join.") {}
/** Also the answer to anyone with no part in an existing meeting: its existence is not theirs to learn. */
export class MeetingNotFound extends domainError("meeting_not_found", 404, "This meeting does not exist, or you are not part of it.") {}
export class InviteNotValid extends domainError("invite_not_valid", 404, "This invite link is not valid.") {}
export class NameRequired extends domainError("name_required", 422, "Please enter your name.") {}
export class MeetingFull extends domainError(
  "meeting_full",
  409,
  "This meeting is full. Try again when someone leaves, or ask the host to raise the limit.",
) {}
export class InviteExpired extends domainError("invite_expired", 410, "This invite link has expired. Ask the host for a new one.") {}
export class MeetingEnded extends domainError("meeting_ended", 410, "This meeting has ended.") {}
export class MeetingCancelled extends domainError("meeting_cancelled", 410, "The host cancelled this meeting.") {}
export class MeetingNotUpcoming extends domainError(
  "meeting_not_upcoming",
  409,
  "Only a meeting that has not started yet can be rescheduled or cancelled. End a live meeting instead.",
) {}
export class MeetingNotScheduled extends domainError(
  "meeting_not_scheduled",
  409,
  "This meeting has no start time yet. Schedule it first: invitations and calendar files carry the time.",
) {}
export class ScheduleInPast extends domainError("schedule_in_past", 422, "That start time is in the past. Choose a later one.") {}
export class EmailNotConfigured extends domainError(
  "email_not_configured",
  503,
  "Email is not set up on this server. Ask the administrator to set SMTP_URL (and EMAIL_FROM) and restart Parley.",
) {}
/** The database did not answer (here: while checking a session); same words as lib/http/handle.ts's 503. */
export class DatabaseUnavailable extends domainError(
  "database_unavailable",
  503,
  "The service is temporarily unavailable. Please try again shortly.",
) {}
export class MediaServerUnavailable extends domainError(
  "media_server_unavailable",
  503,
  "The media server is not reachable right now. Please try again in a moment.",
) {}

/** Throws when a meeting is over (ended, 410) or called off (cancelled, 410); one place for both. */
export function assertMeetingOpen(meeting: { status: string }): void {
  if (meeting.status === "ENDED") throw new MeetingEnded();
  if (meeting.status === "CANCELLED") throw new MeetingCancelled();
}

/** Too many attempts from this caller (lib/rate-limit); carries when to try again. */
export class RateLimited extends DomainError {
  readonly status = 429;
  readonly code = "rate_limited";
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many attempts. Try again in ${retryAfterSeconds} ${retryAfterSeconds === 1 ? "second" : "seconds"}.`);
    this.name = "rate_limited";
  }
}

export class NotInMeeting extends domainError("not_in_meeting", 403, "Join this meeting first.") {}
/** Chat of an end-to-end encrypted meeting goes only between browsers (docs/decisions/025). */
export class ChatNotStored extends domainError(
  "chat_not_stored",
  409,
  "This meeting is end-to-end encrypted: its chat goes only between the people in the call, encrypted, and the server never stores it.",
) {}
export class NotInCall extends domainError("not_in_call", 409, "Join the call before raising your hand.") {}
