/**
 * The meeting role model, in one place for the server, the browser and the tests. It imports
 * nothing (no database, no LiveKit SDK), so client components can use it too.
 *
 * Roles come from the database on the server (lib/meetings/actors.ts); in the browser they are
 * read from LiveKit participant metadata, which the server writes (lib/livekit.ts), and only
 * decide what the UI offers: every action is checked again on the server.
 */

/** The same values, in the same order, as the Prisma enum `Role` (checked by roles.test.ts). */
export const MEETING_ROLES = ["HOST", "COHOST", "PARTICIPANT", "VIEWER"] as const;
export type MeetingRole = (typeof MEETING_ROLES)[number];

/** Roles an invite link can hand out: the host is the meeting's owner, never invited. */
export const INVITABLE_ROLES = ["PARTICIPANT", "VIEWER", "COHOST"] as const satisfies readonly MeetingRole[];
export type InvitableRole = (typeof INVITABLE_ROLES)[number];

export function isMeetingRole(value: unknown): value is MeetingRole {
  return typeof value === "string" && (MEETING_ROLES as readonly string[]).includes(value);
}

/** Host and co-hosts moderate: lobby, lock, mute, remove, stage. */
export function isModerator(role: MeetingRole | null | undefined): boolean {
  return role === "HOST" || role === "COHOST";
}

/**
 * Who may mute, remove or stage whom: a moderator may act on participants and viewers; only
 * the host may act on a co-host; nobody acts on the host.
 */
export function canActOn(actor: MeetingRole | null | undefined, target: MeetingRole): boolean {
  if (!isModerator(actor) || target === "HOST") return false;
  return target !== "COHOST" || actor === "HOST";
}

/** Whether a role publishes media: everyone but viewers, and viewers while on stage. */
export function canPublish(role: MeetingRole, onStage: boolean): boolean {
  return role !== "VIEWER" || onStage;
}

/** Host and co-hosts enter without knocking or being stopped by the lock. */
export function bypassesLobbyAndLock(role: MeetingRole): boolean {
  return isModerator(role);
}

/** What a participant's LiveKit metadata says about their role (written by lib/livekit.ts). */
export interface RoleMetadata {
  /** null when the metadata is missing, not JSON, or names no known role. */
  role: MeetingRole | null;
  onStage: boolean;
}

export function parseRoleMetadata(metadata: string | undefined | null): RoleMetadata {
  try {
    const parsed: unknown = JSON.parse(metadata || "{}");
    if (typeof parsed !== "object" || parsed === null) return { role: null, onStage: false };
    const { role, onStage } = parsed as Record<string, unknown>;
    return { role: isMeetingRole(role) ? role : null, onStage: onStage === true };
  } catch {
    return { role: null, onStage: false };
  }
}

/**
 * LiveKit identities are assigned by the server: `user_<user id>` for signed-in people (the
 * same in every meeting), `guest_<random uuid>` for guests.
 */
export type ParsedIdentity = { kind: "user"; userId: string } | { kind: "guest"; guestId: string };

const USER_PREFIX = "user_";
const GUEST_PREFIX = "guest_";

export function userIdentity(userId: string): string {
  return USER_PREFIX + userId;
}

export function guestIdentity(guestId: string): string {
  return GUEST_PREFIX + guestId;
}

export function parseIdentity(identity: string): ParsedIdentity | null {
  if (identity.startsWith(USER_PREFIX) && identity.length > USER_PREFIX.length) {
    return { kind: "user", userId: identity.slice(USER_PREFIX.length) };
  }
  if (identity.startsWith(GUEST_PREFIX) && identity.length > GUEST_PREFIX.length) {
    return { kind: "guest", guestId: identity.slice(GUEST_PREFIX.length) };
  }
  return null;
}

/** What the server answers when it admits someone: where to connect, and as whom. */
export interface JoinGrant {
  serverUrl: string;
  token: string;
  identity: string;
  displayName: string;
  role: MeetingRole;
  meetingId: string;
}
