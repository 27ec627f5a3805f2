/**
 * Domain errors of meetings, invites and joining. Each carries its HTTP status and the
 * sentence a person sees; lib/http/domain-errors.ts maps them to responses in one place.
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
export class ParticipantNotFound extends domainError("participant_not_found", 404, "That person is not in this meeting.") {}
export class InviteNotFound extends domainError("invite_not_found", 404, "That invite link does not exist.") {}
export class KnockNotFound extends domainError("knock_not_found", 404, "That request to join does not exist.") {}
export class MeetingLocked extends domainError("meeting_locked", 403, "The host has locked this meeting: no one new can join.") {}
export class MeetingNotFound extends domainError("meeting_not_found", 404, "This meeting does not exist.") {}
export class InviteNotValid extends domainError("invite_not_valid", 404, "This invite link is not valid.") {}
export class NameRequired extends domainError("name_required", 422, "Please enter your name.") {}
export class MeetingFull extends domainError(
  "meeting_full",
  409,
  "This meeting is full. Try again when someone leaves, or ask the host to raise the limit.",
) {}
export class InviteExpired extends domainError("invite_expired", 410, "This invite link has expired. Ask the host for a new one.") {}
export class MeetingEnded extends domainError("meeting_ended", 410, "This meeting has ended.") {}
export class MediaServerUnavailable extends domainError(
  "media_server_unavailable",
  503,
  "The media server is not reachable right now. Please try again in a moment.",
) {}

/** Too many attempts from this caller (lobby knocks); carries when to try again. */
export class RateLimited extends DomainError {
  readonly status = 429;
  readonly code = "rate_limited";
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many attempts. Try again in ${retryAfterSeconds} seconds.`);
    this.name = "rate_limited";
  }
}

export class NotInMeeting extends domainError("not_in_meeting", 403, "Join this meeting first.") {}
export class NotInCall extends domainError("not_in_call", 409, "Join the call before raising your hand.") {}
