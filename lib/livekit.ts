/**
 * The only module that talks to LiveKit. Route handlers and domain code ask it for
 * tokens and room operations; nothing else imports livekit-server-sdk.
 *
 * Security rule (docs/decisions/003-livekit-boundary-and-grants.md): client tokens never carry
 * roomAdmin, roomCreate, roomList or roomRecord. Moderation happens on the server,
 * through RoomServiceClient, after the caller's role is checked in the database.
 */
import { AccessToken, DataPacket_Kind, RoomServiceClient, TrackSource, WebhookReceiver, type VideoGrant } from "livekit-server-sdk";
import { withTimeout } from "@/lib/async";
import { CHAT_TOPIC, MEETING_ENDED_TOPIC } from "@/lib/data-topics";
import { serverEnv } from "@/lib/env";
import { canPublish, parseRoleMetadata, type MeetingRole } from "@/lib/meetings/roles";
import { createRoomPresenceMemo } from "@/lib/room-presence";

/** Token lifetime: it only gates the first connect; LiveKit refreshes it afterwards. */
export const ROOM_TOKEN_TTL_SECONDS = 5 * 60;

/**
 * What a client token grants: entry to one room and nothing else, whatever the role.
 * LiveKit cannot revoke a token, so a token must be harmless once the database says
 * otherwise (removed, sent back from the stage). The media rights come from the database
 * when LiveKit reports the join (`admitParticipant`, lib/meetings/admission.ts);
 * docs/decisions/013-sfu-enforces-membership.md.
 */
export function entryGrant(room: string): VideoGrant {
  return { room, roomJoin: true, canSubscribe: false, canPublish: false, canPublishData: false };
}

/**
 * The rights each meeting role holds in the room (docs/decisions/003-livekit-boundary-and-grants.md),
 * applied by the server once the database has been read. A viewer publishes only while the
 * host has them on stage. Never an admin right.
 */
export function permissionsForRole(role: MeetingRole, onStage = false) {
  return { canSubscribe: true, canPublishData: true, canPublish: canPublish(role, onStage) };
}

export interface RoomTokenRequest {
  room: string;
  /** Assigned by the server (user id or random guest id), never taken from the client. */
  identity: string;
  displayName: string;
  role: MeetingRole;
  /** Extra public participant metadata, visible to everyone in the room. */
  metadata?: Record<string, unknown>;
  /** Public participant attributes set by the server (lib/call-attributes.ts). */
  attributes?: Record<string, string>;
}

export async function issueRoomToken(request: RoomTokenRequest): Promise<string> {
  const env = serverEnv();
  const token = new AccessToken(env.LIVEKIT_API_KEY, env.LIVEKIT_API_SECRET, {
    identity: request.identity,
    name: request.displayName,
    metadata: JSON.stringify({ role: request.role, ...request.metadata }),
    ttl: ROOM_TOKEN_TTL_SECONDS,
    // Empty values mean "not set" (LiveKit's convention for updates); leave them out.
    attributes: Object.fromEntries(Object.entries(request.attributes ?? {}).filter(([, value]) => value !== "")),
  });
  token.addGrant(entryGrant(request.room));
  return token.toJwt();
}

/** Where browsers connect; safe to hand to the client. */
export function livekitClientUrl(): string {
  return serverEnv().LIVEKIT_URL;
}

let client: RoomServiceClient | undefined;

function roomService(): RoomServiceClient {
  const env = serverEnv();
  client ??= new RoomServiceClient(env.LIVEKIT_API_URL, env.LIVEKIT_API_KEY, env.LIVEKIT_API_SECRET, {
    requestTimeout: 5,
  });
  return client;
}

/**
 * A real, authenticated round trip to LiveKit's server API (it also proves the API key
 * and secret are accepted). Rejects when LiveKit does not answer within `timeoutMs`.
 */
export async function pingLiveKit(timeoutMs: number): Promise<void> {
  const env = serverEnv();
  const probe = new RoomServiceClient(env.LIVEKIT_API_URL, env.LIVEKIT_API_KEY, env.LIVEKIT_API_SECRET, {
    requestTimeout: Math.max(1, Math.ceil(timeoutMs / 1000)),
  });
  await withTimeout(probe.listRooms(["parley-health-probe"]), timeoutMs, "LiveKit");
}

export interface RoomParticipant {
  identity: string;
  name: string;
  role: MeetingRole | null;
  joinedAt: Date;
}

/** Who is in the room right now (LiveKit answers a missing room with an empty list or 404: null). */
export async function listRoomParticipants(room: string): Promise<RoomParticipant[] | null> {
  const participants = await roomService()
    .listParticipants(room)
    .catch((error: unknown) => {
      if (isNotFound(error)) return null;
      throw error;
    });
  if (!participants) return null;
  return participants.map((p) => ({
    identity: p.identity,
    name: p.name,
    role: parseRoleMetadata(p.metadata).role,
    joinedAt: new Date(Number(p.joinedAt) * 1000),
  }));
}

/**
 * How many are in each room, and whether it surely exists, as this instance learnt it within
 * the last second: a burst of joins into one meeting asks LiveKit once (lib/room-presence.ts).
 */
const presence = createRoomPresenceMemo({
  lookup: async (room) => (await listRoomParticipants(room))?.length ?? null,
  // Far below the room's departure timeout (20 s) and empty timeout (5 min), set below.
  freshMs: 1000,
});

/**
 * Takes a seat for someone about to be given a token: false when the room is full by LiveKit's
 * count of at most a second ago plus the seats this instance gave out since.
 */
export function claimRoomSeat(room: string, capacity: number): Promise<boolean> {
  return presence.claimSeat(room, capacity);
}

/**
 * Creates the room if it does not exist (LiveKit answers with the existing room otherwise);
 * skipped when someone was in it, or this instance created it, within the last second.
 * Rooms are never auto-created by a connecting client (auto_create: false in the config),
 * so a token issued just before the host ended the meeting cannot bring the room back.
 */
export async function ensureRoom(room: string, options: { maxParticipants: number }): Promise<void> {
  if (presence.knownToExist(room)) return;
  await roomService().createRoom({
    name: room,
    maxParticipants: options.maxParticipants,
    emptyTimeout: 5 * 60,
    departureTimeout: 20,
  });
  presence.created(room);
}

/**
 * Mutes someone's microphone or camera (they can unmute themselves; remote unmute is off).
 * Answers how many tracks were muted: 0 when they are not in the room or already muted.
 */
export async function muteParticipantTrack(room: string, identity: string, source: "microphone" | "camera") {
  const participant = await roomService()
    .getParticipant(room, identity)
    .catch((error: unknown) => {
      if (isNotFound(error)) return null;
      throw error;
    });
  if (!participant) return 0;
  const wanted = source === "microphone" ? TrackSource.MICROPHONE : TrackSource.CAMERA;
  const tracks = participant.tracks.filter((t) => t.source === wanted && !t.muted);
  await Promise.all(tracks.map((t) => roomService().mutePublishedTrack(room, identity, t.sid, true)));
  return tracks.length;
}

/** Disconnects someone (reason PARTICIPANT_REMOVED). Someone already gone is fine. */
export async function removeRoomParticipant(room: string, identity: string): Promise<void> {
  await roomService()
    .removeParticipant(room, identity)
    .catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
}

/**
 * Sets someone's rights in the room to what the database says: the role in their metadata
 * (what others see; `admitted: true` tells their client the rights have arrived) and their
 * permissions (what the SFU enforces). Used on admission and on every role change. Someone
 * not in the room is fine: the rights are applied when they next join.
 */
export async function applyRoleLive(
  room: string,
  identity: string,
  change: { role: MeetingRole; onStage: boolean; metadata: Record<string, unknown> },
): Promise<void> {
  await roomService()
    .updateParticipant(room, identity, {
      metadata: JSON.stringify({ ...change.metadata, role: change.role, admitted: true }),
      permission: permissionsForRole(change.role, change.onStage),
    })
    .catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
}

/**
 * Sets public participant attributes (a value of "" removes one). Clients cannot: their
 * tokens carry no canUpdateOwnMetadata. Someone not in the room is fine: the database
 * keeps the state and their next token carries it.
 */
export async function setParticipantAttributes(room: string, identity: string, attributes: Record<string, string>): Promise<void> {
  await roomService()
    .updateParticipant(room, identity, { attributes })
    .catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
}

/** Deletes the room, disconnecting everyone in it. A room that is already gone is fine. */
export async function deleteRoom(room: string): Promise<void> {
  await roomService()
    .deleteRoom(room)
    .catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
  presence.deleted(room);
}

/** Delivers a stored chat message to everyone in the room (docs/decisions/021). */
export async function broadcastChatMessage(room: string, message: unknown): Promise<void> {
  await sendFromServer(room, CHAT_TOPIC, message);
}

/** Tells everyone in the room that the host ended the meeting (sent just before the room is deleted). */
export async function announceMeetingEnded(room: string): Promise<void> {
  await sendFromServer(room, MEETING_ENDED_TOPIC, { ended: true });
}

/**
 * Sends a JSON message to everyone in the room, reliably, from the server: a packet the
 * server sends has no sending participant, which is how browsers tell it apart from anything
 * a participant could publish on the same topic (lib/data-topics.ts). A room nobody is in,
 * or one already gone, is fine.
 */
async function sendFromServer(room: string, topic: string, message: unknown): Promise<void> {
  const payload = new TextEncoder().encode(JSON.stringify(message));
  await roomService()
    .sendData(room, payload, DataPacket_Kind.RELIABLE, { topic })
    .catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
}

/** A LiveKit webhook event, reduced to what Parley records. */
export interface RoomEvent {
  id: string;
  event: string;
  createdAt: Date;
  roomName: string | null;
  participant: { identity: string; name: string; role: MeetingRole | null; joinedAt: Date } | null;
}

/**
 * Verifies a webhook (its Authorization JWT signs the SHA-256 of the raw body) and parses
 * it. Rejects when the signature or body does not check out.
 */
export async function receiveWebhook(rawBody: string, authorization: string | null): Promise<RoomEvent> {
  const env = serverEnv();
  const receiver = new WebhookReceiver(env.LIVEKIT_API_KEY, env.LIVEKIT_API_SECRET);
  const event = await receiver.receive(rawBody, authorization ?? undefined);
  return {
    id: event.id,
    event: event.event,
    createdAt: new Date(Number(event.createdAt) * 1000),
    roomName: event.room?.name ?? null,
    participant: event.participant
      ? {
          identity: event.participant.identity,
          name: event.participant.name,
          role: parseRoleMetadata(event.participant.metadata).role,
          // The session's join time, the same in its joined and left events.
          joinedAt: new Date(Number(event.participant.joinedAt) * 1000),
        }
      : null,
  };
}

function isNotFound(error: unknown): boolean {
  return typeof error === "object" && error !== null && "status" in error && error.status === 404;
}
