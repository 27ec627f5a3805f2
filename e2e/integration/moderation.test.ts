import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userIdentity } from "@/lib/meetings/roles";
import { Client, errorOf, inviteTokenOf } from "./support/client";
import { meetingSnapshot, testDb } from "./support/db";
import { jwtClaims } from "./support/jwt";
import { Room } from "@livekit/rtc-node";
import { listRoomParticipants } from "@/lib/livekit";
import { connectPeer, DisconnectReason, nextEvent, publishMicrophone, RoomEvent, untilAdmitted, type Peer } from "./support/livekit-peer";
import { signUpAndSignIn } from "./support/session";

let host: Client;
let stranger: Client;
let hostUserId: string;
const peers: Peer[] = [];

beforeAll(async () => {
  const hostAccount = await signUpAndSignIn({ name: "Mod Host" });
  hostUserId = hostAccount.userId;
  host = new Client(hostAccount.cookie);
  stranger = new Client((await signUpAndSignIn({ name: "Nosy Stranger" })).cookie);
});

afterAll(async () => {
  await Promise.all(peers.map((peer) => peer.leave().catch(() => undefined)));
});

async function newMeeting(body: Record<string, unknown> = {}) {
  const response = await host.post("/api/meetings", body);
  expect(response.status).toBe(201);
  const created = await response.json();
  return { id: created.id as string, token: inviteTokenOf(created.inviteUrl) };
}

async function joinAndConnect(client: Client, token: string, name: string) {
  const response = await client.post(`/api/invites/${token}/join`, { name });
  expect(response.status).toBe(200);
  const grant = await response.json();
  const peer = await connectPeer(grant.serverUrl, grant.token);
  peers.push(peer);
  await untilAdmitted(peer);
  return { grant, peer };
}

describe("invite links with roles, expiry, uses, revocation and rotation", () => {
  it("a viewer link admits someone watch-only; a co-host link someone who publishes", async () => {
    const { id } = await newMeeting();
    const viewerLink = await (await host.post(`/api/meetings/${id}/invites`, { role: "VIEWER" })).json();
    const cohostLink = await (await host.post(`/api/meetings/${id}/invites`, { role: "COHOST" })).json();

    const viewer = await joinAndConnect(new Client(), inviteTokenOf(viewerLink.url), "Vera");
    expect(JSON.parse(String(jwtClaims(viewer.grant.token).metadata)).role).toBe("VIEWER");
    expect(JSON.parse(viewer.peer.room.localParticipant!.metadata)).toMatchObject({ role: "VIEWER", onStage: false, admitted: true });
    await expect(publishMicrophone(viewer.peer)).rejects.toThrow();

    const cohost = await joinAndConnect(new Client(), inviteTokenOf(cohostLink.url), "Cole");
    expect(jwtClaims(cohost.grant.token).video).not.toHaveProperty("roomAdmin");
    expect(cohost.grant.role).toBe("COHOST");
    expect(JSON.parse(cohost.peer.room.localParticipant!.metadata)).toMatchObject({ role: "COHOST", admitted: true });
    expect((await publishMicrophone(cohost.peer)).sid).toMatch(/^TR_/);
  });

  it("only the host creates invite links (401 anonymous, 404 strangers) and nothing is created", async () => {
    const { id } = await newMeeting();
    const before = await meetingSnapshot(id);
    expect((await new Client().post(`/api/meetings/${id}/invites`, { role: "VIEWER" })).status).toBe(401);
    expect((await stranger.post(`/api/meetings/${id}/invites`, { role: "VIEWER" })).status).toBe(404);
    expect((await host.post(`/api/meetings/${id}/invites`, { role: "HOST" })).status).toBe(422);
    expect(await meetingSnapshot(id)).toEqual(before);
  });

  it("an expired link answers 410 and a used-up link stops at its limit", async () => {
    const { id } = await newMeeting();
    const expiring = await (await host.post(`/api/meetings/${id}/invites`, { role: "PARTICIPANT", expiresInMinutes: 5 })).json();
    await testDb.invite.update({ where: { id: expiring.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await new Client().post(`/api/invites/${inviteTokenOf(expiring.url)}/join`, { name: "Late" });
    expect(expired.status).toBe(410);
    expect((await errorOf(expired)).message).toContain("expired");

    const once = await (await host.post(`/api/meetings/${id}/invites`, { role: "PARTICIPANT", maxUses: 1 })).json();
    expect((await new Client().post(`/api/invites/${inviteTokenOf(once.url)}/join`, { name: "First" })).status).toBe(200);
    const second = await new Client().post(`/api/invites/${inviteTokenOf(once.url)}/join`, { name: "Second" });
    expect(second.status).toBe(410);
    expect((await testDb.invite.findUniqueOrThrow({ where: { id: once.id } })).uses).toBe(1);
  });

  it("a link's last uses go to exactly as many people, however many arrive at once, and the rest leave nothing behind", async () => {
    const { id } = await newMeeting();
    const twice = await (await host.post(`/api/meetings/${id}/invites`, { role: "PARTICIPANT", maxUses: 2 })).json();
    const membersBefore = await testDb.meetingMember.count({ where: { meetingId: id } });
    const responses = await Promise.all(
      ["A", "B", "C", "D", "E", "F"].map((name) => new Client().post(`/api/invites/${inviteTokenOf(twice.url)}/join`, { name })),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 410, 410, 410, 410]);
    expect((await errorOf(responses.find((response) => response.status === 410)!)).message).toContain("used as many times");
    expect((await testDb.invite.findUniqueOrThrow({ where: { id: twice.id } })).uses).toBe(2);
    expect(await testDb.meetingMember.count({ where: { meetingId: id } })).toBe(membersBefore + 2);
  });

  it("revoking kills a link at once; rotating replaces it with a new one", async () => {
    const { id, token } = await newMeeting();
    const invite = await testDb.invite.findFirstOrThrow({ where: { meetingId: id } });

    const rotated = await host.post(`/api/meetings/${id}/invites/${invite.id}/rotate`);
    expect(rotated.status).toBe(200);
    const { url } = await rotated.json();
    expect(inviteTokenOf(url)).not.toBe(token);
    expect((await new Client().post(`/api/invites/${token}/join`, { name: "Old link" })).status).toBe(404);
    expect((await new Client().post(`/api/invites/${inviteTokenOf(url)}/join`, { name: "New link" })).status).toBe(200);

    expect((await stranger.post(`/api/meetings/${id}/invites/${invite.id}/revoke`)).status).toBe(404);
    expect((await host.post(`/api/meetings/${id}/invites/${invite.id}/revoke`)).status).toBe(204);
    expect((await new Client().post(`/api/invites/${inviteTokenOf(url)}/join`, { name: "After revoke" })).status).toBe(404);
  });
});

describe("the lobby", () => {
  it("keeps people waiting with no token until a host admits them", async () => {
    const { id, token } = await newMeeting();
    expect((await host.patch(`/api/meetings/${id}/settings`, { lobbyEnabled: true })).status).toBe(200);

    const guest = new Client();
    const knock = await guest.post(`/api/invites/${token}/join`, { name: "Knock Knock" });
    expect(knock.status).toBe(202);
    const { knockId, ...rest } = await knock.json();
    expect(rest).toEqual({ status: "waiting" });
    expect((await guest.post(`/api/lobby/${knockId}`)).status).toBe(202);
    // Nobody else can ask about (or be admitted through) this knock.
    expect((await new Client().post(`/api/lobby/${knockId}`)).status).toBe(404);
    expect(await testDb.meetingMember.count({ where: { meetingId: id, displayName: "Knock Knock" } })).toBe(0);

    // Hosts see who is knocking; strangers and anonymous callers cannot.
    const lobby = await (await host.get(`/api/meetings/${id}/lobby`)).json();
    expect(lobby.waiting.map((w: { displayName: string }) => w.displayName)).toEqual(["Knock Knock"]);
    expect((await stranger.get(`/api/meetings/${id}/lobby`)).status).toBe(404);
    expect((await new Client().get(`/api/meetings/${id}/lobby`)).status).toBe(401);
    expect((await stranger.post(`/api/meetings/${id}/lobby/${knockId}`, { admit: true })).status).toBe(404);

    expect((await host.post(`/api/meetings/${id}/lobby/${knockId}`, { admit: true })).status).toBe(204);
    const admitted = await guest.post(`/api/lobby/${knockId}`);
    expect(admitted.status).toBe(200);
    const grant = await admitted.json();
    expect(jwtClaims(grant.token).name).toBe("Knock Knock");
    expect((await (await host.get(`/api/meetings/${id}/lobby`)).json()).waiting).toEqual([]);
  });

  it("tells denied people they were not admitted, and creates nothing for them", async () => {
    const { id, token } = await newMeeting();
    await host.patch(`/api/meetings/${id}/settings`, { lobbyEnabled: true });
    const guest = new Client();
    const { knockId } = await (await guest.post(`/api/invites/${token}/join`, { name: "Unwanted" })).json();
    expect((await host.post(`/api/meetings/${id}/lobby/${knockId}`, { admit: false })).status).toBe(204);
    const answer = await guest.post(`/api/lobby/${knockId}`);
    expect(answer.status).toBe(403);
    expect(await errorOf(answer)).toMatchObject({ code: "not_admitted", message: "The host did not let you in." });
    expect(await testDb.meetingMember.count({ where: { meetingId: id, displayName: "Unwanted" } })).toBe(0);
    // A decision is final: it cannot be flipped afterwards.
    expect((await host.post(`/api/meetings/${id}/lobby/${knockId}`, { admit: true })).status).toBe(404);
  });
});

describe("locking", () => {
  it("stops new joins even with a valid link; the host still gets in", async () => {
    const { id, token } = await newMeeting();
    const insider = new Client();
    expect((await insider.post(`/api/invites/${token}/join`, { name: "Insider" })).status).toBe(200);
    expect((await host.patch(`/api/meetings/${id}/settings`, { locked: true })).status).toBe(200);

    const before = await meetingSnapshot(id);
    const outsider = await new Client().post(`/api/invites/${token}/join`, { name: "Outsider" });
    expect(outsider.status).toBe(403);
    expect(await errorOf(outsider)).toMatchObject({ code: "meeting_locked" });
    expect((await meetingSnapshot(id)).invites).toEqual(before.invites);

    // Someone already admitted who dropped out may come back.
    expect((await insider.post(`/api/invites/${token}/join`, {})).status).toBe(200);
    expect((await host.post(`/api/meetings/${id}/token`, {})).status).toBe(200);
    expect((await stranger.patch(`/api/meetings/${id}/settings`, { locked: false })).status).toBe(404);
    expect((await meetingSnapshot(id)).locked).toBe(true);
  });
});

describe("moderation in the call", () => {
  it("the host mutes a participant's microphone, and the others see it muted", async () => {
    const { id, token } = await newMeeting();
    const speaker = await joinAndConnect(new Client(), token, "Loud Lou");
    const listener = await joinAndConnect(new Client(), token, "Listener");
    const published = nextEvent(listener.peer.room, RoomEvent.TrackPublished);
    await publishMicrophone(speaker.peer);
    await published;

    const mutedSeen = nextEvent(listener.peer.room, RoomEvent.TrackMuted);
    // A participant cannot mute others.
    const byPeer = await new Client().post(`/api/meetings/${id}/participants/${speaker.grant.identity}/mute`, { source: "microphone" });
    expect(byPeer.status).toBe(401);
    const response = await host.post(`/api/meetings/${id}/participants/${speaker.grant.identity}/mute`, { source: "microphone" });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ muted: 1 });
    const [publication, participant] = await mutedSeen;
    expect((participant as { identity: string }).identity).toBe(speaker.grant.identity);
    expect((publication as { muted: boolean }).muted).toBe(true);
  });

  it("a removed participant is disconnected and cannot rejoin; others stay", async () => {
    const { id, token } = await newMeeting();
    const troll = new Client();
    const { grant, peer } = await joinAndConnect(troll, token, "Troll");
    const bystander = await joinAndConnect(new Client(), token, "Bystander");

    expect((await stranger.post(`/api/meetings/${id}/participants/${grant.identity}/remove`)).status).toBe(404);
    expect((await host.post(`/api/meetings/${id}/participants/${grant.identity}/remove`)).status).toBe(204);
    expect(await peer.disconnected).toBe(DisconnectReason.PARTICIPANT_REMOVED);

    const again = await troll.post(`/api/invites/${token}/join`, { name: "Troll again" });
    expect(again.status).toBe(403);
    expect(await errorOf(again)).toMatchObject({ code: "removed_from_meeting" });
    expect(bystander.peer.room.isConnected).toBe(true);
    const member = await testDb.meetingMember.findUniqueOrThrow({
      where: { meetingId_identity: { meetingId: id, identity: grant.identity } },
    });
    expect(member.removedAt).not.toBeNull();
  });

  it("a promoted co-host can moderate but cannot end the meeting or act on the host", async () => {
    const { id, token } = await newMeeting();
    const deputy = new Client();
    const { grant, peer } = await joinAndConnect(deputy, token, "Deputy");
    const other = await joinAndConnect(new Client(), token, "Other");

    // Only the host promotes.
    expect((await stranger.post(`/api/meetings/${id}/participants/${grant.identity}/cohost`, { coHost: true })).status).toBe(404);
    const roleSeen = nextEvent(other.peer.room, RoomEvent.ParticipantMetadataChanged, (metadata: unknown) =>
      String(metadata).includes("COHOST"),
    );
    const promoted = await host.post(`/api/meetings/${id}/participants/${grant.identity}/cohost`, { coHost: true });
    expect(promoted.status).toBe(200);
    expect(await promoted.json()).toEqual({ identity: grant.identity, role: "COHOST" });
    await roleSeen;

    // The co-host's own cookie now carries moderation rights, checked in the database.
    expect((await deputy.patch(`/api/meetings/${id}/settings`, { locked: true })).status).toBe(200);
    expect((await deputy.get(`/api/meetings/${id}/lobby`)).status).toBe(200);
    // A member without the host's role: 403 (not 401: the co-host is known to the meeting).
    expect((await deputy.post(`/api/meetings/${id}/end`)).status).toBe(403);
    const hostIdentity = userIdentity(hostUserId);
    expect((await deputy.post(`/api/meetings/${id}/participants/${hostIdentity}/remove`)).status).toBe(403);
    expect((await deputy.post(`/api/meetings/${id}/participants/${hostIdentity}/cohost`, { coHost: false })).status).toBe(403);
    expect((await meetingSnapshot(id)).status).toBe("LIVE");

    // Demoted again: the rights are gone at once.
    expect((await host.post(`/api/meetings/${id}/participants/${grant.identity}/cohost`, { coHost: false })).status).toBe(200);
    expect((await deputy.patch(`/api/meetings/${id}/settings`, { locked: false })).status).toBe(403);
    expect(peer.room.isConnected).toBe(true);
  });

  it("only a co-host can be demoted: a viewer or participant 'demoted' gets 409 and keeps its role", async () => {
    const { id, token } = await newMeeting();
    const viewerLink = await (await host.post(`/api/meetings/${id}/invites`, { role: "VIEWER" })).json();
    const viewer = await (await new Client().post(`/api/invites/${inviteTokenOf(viewerLink.url)}/join`, { name: "Watcher" })).json();
    const participant = await (await new Client().post(`/api/invites/${token}/join`, { name: "Talker" })).json();
    for (const [target, role] of [
      [viewer.identity, "VIEWER"],
      [participant.identity, "PARTICIPANT"],
    ] as const) {
      const refused = await host.post(`/api/meetings/${id}/participants/${target}/cohost`, { coHost: false });
      expect(refused.status, role).toBe(409);
      expect((await errorOf(refused)).message).toBe("Only a co-host can be demoted: this person is not a co-host.");
      const member = await testDb.meetingMember.findUniqueOrThrow({ where: { meetingId_identity: { meetingId: id, identity: target } } });
      expect(member).toMatchObject({ role, onStage: false });
    }
  });

  it("a viewer cannot publish until brought on stage, and not after going back", async () => {
    const { id } = await newMeeting();
    const viewerLink = await (await host.post(`/api/meetings/${id}/invites`, { role: "VIEWER" })).json();
    const viewer = await joinAndConnect(new Client(), inviteTokenOf(viewerLink.url), "Audience Member");

    await expect(publishMicrophone(viewer.peer)).rejects.toThrow();

    const onStage = nextEvent(viewer.peer.room, RoomEvent.ParticipantMetadataChanged);
    const staged = await host.post(`/api/meetings/${id}/participants/${viewer.grant.identity}/stage`, { onStage: true });
    expect(staged.status).toBe(200);
    await onStage;
    const publication = await publishMicrophone(viewer.peer);
    expect(publication.sid).toMatch(/^TR_/);

    const backSeen = nextEvent(viewer.peer.room, RoomEvent.ParticipantMetadataChanged);
    expect((await host.post(`/api/meetings/${id}/participants/${viewer.grant.identity}/stage`, { onStage: false })).status).toBe(200);
    await backSeen;
    const member = await testDb.meetingMember.findUniqueOrThrow({
      where: { meetingId_identity: { meetingId: id, identity: viewer.grant.identity } },
    });
    expect(member).toMatchObject({ role: "VIEWER", onStage: false });
  });
});

/**
 * LiveKit tokens cannot be revoked: they only gate the first connect. So the room must hold
 * only what the database says, whatever token someone replays (docs/decisions/013).
 */
describe("the SFU holds only what the database says, whatever token is replayed", () => {
  async function roomOf(meetingId: string) {
    return (await testDb.meeting.findUniqueOrThrow({ where: { id: meetingId } })).roomName;
  }

  it("a removed guest replaying the token it held is out within 1 s and receives no media", async () => {
    const { id, token } = await newMeeting();
    const speaker = await joinAndConnect(new Client(), token, "Speaker");
    await publishMicrophone(speaker.peer);

    const troll = new Client();
    const { grant, peer } = await joinAndConnect(troll, token, "Troll");
    expect((await host.post(`/api/meetings/${id}/participants/${grant.identity}/remove`)).status).toBe(204);
    expect(await peer.disconnected).toBe(DisconnectReason.PARTICIPANT_REMOVED);

    // The same token again, from a client that subscribes to everything it may.
    const replay = new Room();
    let tracksReceived = 0;
    replay.on(RoomEvent.TrackSubscribed, () => tracksReceived++);
    const out = new Promise<number>((resolve) => replay.once(RoomEvent.Disconnected, () => resolve(Date.now())));
    const connected = await replay
      .connect(grant.serverUrl, grant.token, { autoSubscribe: true, dynacast: false })
      .then(() => Date.now())
      .catch(() => null); // refused outright is fine too
    if (connected !== null) {
      const verdict = await Promise.race([out, new Promise<null>((resolve) => setTimeout(() => resolve(null), 10_000).unref())]);
      expect(verdict, "the removed guest was still in the room 10 s after replaying its token").not.toBeNull();
      expect(verdict! - connected, "ms in the room").toBeLessThan(1000);
    }
    expect(tracksReceived).toBe(0);
    const inRoom = (await listRoomParticipants(await roomOf(id)))?.map((p) => p.identity) ?? [];
    expect(inRoom).not.toContain(grant.identity);
    expect(inRoom).toContain(speaker.grant.identity);
    await replay.disconnect().catch(() => undefined);
  });

  it("a member's own claim to its rights (POST /admission) applies what the database says, and nothing for someone removed", async () => {
    const { id, token } = await newMeeting();
    const viewerLink = await (await host.post(`/api/meetings/${id}/invites`, { role: "VIEWER" })).json();

    // A viewer claims as soon as it is in the room: watch-only, as the database says.
    const audience = new Client();
    const joined = await audience.post(`/api/invites/${inviteTokenOf(viewerLink.url)}/join`, { name: "Claiming Viewer" });
    expect(joined.status).toBe(200);
    const viewerGrant = await joined.json();
    const viewer = await connectPeer(viewerGrant.serverUrl, viewerGrant.token);
    peers.push(viewer);
    const claim = await audience.post(`/api/meetings/${id}/admission`, {});
    expect(claim.status).toBe(200);
    expect(await claim.json()).toEqual({ outcome: "admitted" });
    expect(await untilAdmitted(viewer)).toMatchObject({ role: "VIEWER", onStage: false });
    await expect(publishMicrophone(viewer), "a viewer publishing after its claim").rejects.toThrow();

    // Someone removed claims with its member cookie and its old token: refused, and out.
    const speaker = await joinAndConnect(new Client(), token, "Speaker");
    await publishMicrophone(speaker.peer);
    const troll = new Client();
    const { grant, peer } = await joinAndConnect(troll, token, "Troll");
    expect((await host.post(`/api/meetings/${id}/participants/${grant.identity}/remove`)).status).toBe(204);
    expect(await peer.disconnected).toBe(DisconnectReason.PARTICIPANT_REMOVED);
    const replay = new Room();
    let tracksReceived = 0;
    replay.on(RoomEvent.TrackSubscribed, () => tracksReceived++);
    const out = new Promise<void>((resolve) => replay.once(RoomEvent.Disconnected, () => resolve()));
    const connected = await replay.connect(grant.serverUrl, grant.token, { autoSubscribe: true, dynacast: false }).then(
      () => true,
      () => false,
    );
    const refused = await troll.post(`/api/meetings/${id}/admission`, {});
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).code).toBe("removed_from_meeting");
    if (connected) await out;
    expect(tracksReceived).toBe(0);
    const inRoom = (await listRoomParticipants(await roomOf(id)))?.map((p) => p.identity) ?? [];
    expect(inRoom).not.toContain(grant.identity);
    await replay.disconnect().catch(() => undefined);
  });

  it("a viewer sent back from the stage cannot publish with the on-stage token it held", async () => {
    const { id } = await newMeeting();
    const viewerLink = await (await host.post(`/api/meetings/${id}/invites`, { role: "VIEWER" })).json();
    const audience = new Client();
    const viewer = await joinAndConnect(audience, inviteTokenOf(viewerLink.url), "Stage Guest");
    expect((await host.post(`/api/meetings/${id}/participants/${viewer.grant.identity}/stage`, { onStage: true })).status).toBe(200);
    // While on stage, the viewer's browser asks for a token again (a reload): the one it keeps.
    const rejoin = await audience.post(`/api/invites/${inviteTokenOf(viewerLink.url)}/join`, { name: "Stage Guest" });
    expect(rejoin.status).toBe(200);
    const onStageToken = (await rejoin.json()).token as string;
    await viewer.peer.leave();

    expect((await host.post(`/api/meetings/${id}/participants/${viewer.grant.identity}/stage`, { onStage: false })).status).toBe(200);
    const replay = await connectPeer(viewer.grant.serverUrl, onStageToken);
    peers.push(replay);
    await expect(publishMicrophone(replay), "publishing right after connecting").rejects.toThrow();
    // Once the app has applied what the database says, still no publishing, and still subscribed.
    const admitted = await untilAdmitted(replay);
    expect(admitted).toMatchObject({ role: "VIEWER", onStage: false });
    await expect(publishMicrophone(replay), "publishing once admitted").rejects.toThrow();
    const tracks = (await listRoomParticipants(await roomOf(id)))?.find((p) => p.identity === viewer.grant.identity);
    expect(tracks, "the viewer is still in the room, as a viewer").toBeDefined();
    expect(replay.room.isConnected).toBe(true);
  });
});
