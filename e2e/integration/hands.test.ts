import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HAND_UP_ATTRIBUTE } from "@/lib/call-attributes";
import { Client } from "./support/client";
import { testDb } from "./support/db";
import { jwtClaims } from "./support/jwt";
import { connectPeer, nextEvent, RoomEvent, type Peer } from "./support/livekit-peer";
import { signUpAndSignIn } from "./support/session";

let host: Client;
const peers: Peer[] = [];

beforeAll(async () => {
  host = new Client((await signUpAndSignIn({ name: "Hand Host" })).cookie);
});

afterAll(async () => {
  await Promise.all(peers.map((peer) => peer.leave().catch(() => undefined)));
});

async function meetingWithGuests(...names: string[]) {
  const created = await (await host.post("/api/meetings", {})).json();
  const token = new URL(created.inviteUrl).pathname.split("/").pop()!;
  const guests = [];
  for (const name of names) {
    const client = new Client();
    const response = await client.post(`/api/invites/${token}/join`, { name });
    expect(response.status).toBe(200);
    const grant = await response.json();
    const peer = await connectPeer(grant.serverUrl, grant.token);
    peers.push(peer);
    guests.push({ client, grant, peer, token });
  }
  return { meetingId: created.id as string, token, guests };
}

const handOf = (peer: Peer, identity: string) => peer.room.remoteParticipants.get(identity)?.attributes[HAND_UP_ATTRIBUTE];

describe("raised hands", () => {
  it("go up through the server: stored, and seen by everyone in the room as a participant attribute", async () => {
    const { meetingId, guests } = await meetingWithGuests("Ann", "Bob");
    const [ann, bob] = guests as [(typeof guests)[0], (typeof guests)[0]];
    const seen = nextEvent(bob.peer.room, RoomEvent.ParticipantAttributesChanged, (_changed: unknown, p: { identity: string }) => {
      return p.identity === ann.grant.identity;
    });
    const response = await ann.client.post(`/api/meetings/${meetingId}/hand`, { raised: true });
    expect(response.status).toBe(200);
    const { handUpSince } = await response.json();
    await seen;
    expect(handOf(bob.peer, ann.grant.identity)).toBe(handUpSince);
    const member = await testDb.meetingMember.findUniqueOrThrow({
      where: { meetingId_identity: { meetingId, identity: ann.grant.identity } },
    });
    expect(member.handUpSince?.toISOString()).toBe(handUpSince);

    // Raising again keeps the place in the queue.
    const again = await (await ann.client.post(`/api/meetings/${meetingId}/hand`, { raised: true })).json();
    expect(again.handUpSince).toBe(handUpSince);
  });

  it("cannot be set by a client itself: LiveKit keeps only what the server set", async () => {
    const { meetingId, guests } = await meetingWithGuests("Cid", "Dee");
    const [cid, dee] = guests as [(typeof guests)[0], (typeof guests)[0]];
    // Cid's own attempt, straight to LiveKit, with his token's grants.
    await cid.peer.room.localParticipant!.setAttributes({ [HAND_UP_ATTRIBUTE]: "2000-01-01T00:00:00.000Z", forged: "yes" });
    // Then the server raises his hand; Dee sees the server's value and nothing forged.
    const seen = nextEvent(dee.peer.room, RoomEvent.ParticipantAttributesChanged, (_changed: unknown, p: { identity: string }) => {
      return p.identity === cid.grant.identity;
    });
    const { handUpSince } = await (await cid.client.post(`/api/meetings/${meetingId}/hand`, { raised: true })).json();
    await seen;
    expect(dee.peer.room.remoteParticipants.get(cid.grant.identity)?.attributes).toEqual({ [HAND_UP_ATTRIBUTE]: handUpSince });
  });

  it("survive a reconnect: the next token carries the raised hand, and a lowered one is gone", async () => {
    const { meetingId, guests } = await meetingWithGuests("Eve");
    const [eve] = guests as [(typeof guests)[0]];
    const { handUpSince } = await (await eve.client.post(`/api/meetings/${meetingId}/hand`, { raised: true })).json();
    const rejoined = await (await eve.client.post(`/api/invites/${eve.token}/join`, { name: "Eve" })).json();
    expect(jwtClaims(rejoined.token).attributes).toEqual({ [HAND_UP_ATTRIBUTE]: handUpSince });

    await eve.client.post(`/api/meetings/${meetingId}/hand`, { raised: false });
    const after = await (await eve.client.post(`/api/invites/${eve.token}/join`, { name: "Eve" })).json();
    expect(jwtClaims(after.token).attributes ?? {}).toEqual({});
  });

  it("a host lowers anyone's hand; a participant cannot lower someone else's, nor raise it", async () => {
    const { meetingId, guests } = await meetingWithGuests("Fay", "Gus");
    const [fay, gus] = guests as [(typeof guests)[0], (typeof guests)[0]];
    await fay.client.post(`/api/meetings/${meetingId}/hand`, { raised: true });
    const target = `/api/meetings/${meetingId}/participants/${fay.grant.identity}/hand`;

    const refused = await gus.client.post(target, { raised: false });
    expect(refused.status).toBe(403);
    expect((await host.post(target, { raised: true })).status).toBe(422);
    const still = await testDb.meetingMember.findUniqueOrThrow({
      where: { meetingId_identity: { meetingId, identity: fay.grant.identity } },
    });
    expect(still.handUpSince).not.toBeNull();

    const lowered = nextEvent(gus.peer.room, RoomEvent.ParticipantAttributesChanged, (_changed: unknown, p: { identity: string }) => {
      return p.identity === fay.grant.identity;
    });
    expect((await host.post(target, { raised: false })).status).toBe(200);
    await lowered;
    expect(handOf(gus.peer, fay.grant.identity)).toBeUndefined();
    const member = await testDb.meetingMember.findUniqueOrThrow({
      where: { meetingId_identity: { meetingId, identity: fay.grant.identity } },
    });
    expect(member.handUpSince).toBeNull();
  });
});
