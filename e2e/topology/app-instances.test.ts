import type { Room } from "@livekit/rtc-node";
import { afterAll, describe, expect, it } from "vitest";
import { Client } from "../integration/support/client";
import { connectPeer, nextEvent, publishMicrophone, RoomEvent, untilAdmitted } from "../integration/support/livekit-peer";
import { signInWithPassword, signUpAndSignIn } from "../integration/support/session";
import { topology } from "./support/topology";

/**
 * Several app instances behind the proxy (docs/decisions/014): the app keeps nothing in
 * process memory, so one person's consecutive requests may land on any instance. The test
 * profile's Caddy names the instance that answered in X-Parley-Upstream (its port).
 */
const rooms: Room[] = [];
afterAll(async () => {
  await Promise.all(rooms.map((room) => room.disconnect().catch(() => undefined)));
});

const instancePorts = new Set(topology.apps.map((app) => String(app.port)));

describe("two app instances behind the proxy", () => {
  it("one person's consecutive requests land on both instances, and sign-in, join, lobby, moderation and end all work", async () => {
    const answeredBy: string[] = [];
    const expectStatus = async (response: Promise<Response>, status: number) => {
      const answer = await response;
      answeredBy.push(answer.headers.get("x-parley-upstream") ?? "none");
      expect(answer.status, `${answer.url} answered ${answer.status}`).toBe(status);
      return answer;
    };
    // Signing in: the csrf cookie one instance set is accepted by whichever answers the sign-in.
    const account = await signUpAndSignIn({ name: "Roaming Host" });
    const signedIn = await signInWithPassword(account.email, account.password);
    await expectStatus(Promise.resolve(signedIn.response), 200);
    const host = new Client(signedIn.cookie);
    const guest = new Client();

    const created = await (await expectStatus(host.post("/api/meetings", {}), 201)).json();
    const token = new URL(created.inviteUrl).pathname.split("/").pop()!;
    await expectStatus(host.patch(`/api/meetings/${created.id}/settings`, { lobbyEnabled: true }), 200);
    const hostGrant = await (await expectStatus(host.post(`/api/invites/${token}/join`, { name: "Roaming Host" }), 200)).json();

    const { knockId } = await (await guest.post(`/api/invites/${token}/join`, { name: "Wandering Guest" })).json();
    const waiting = await (await expectStatus(host.get(`/api/meetings/${created.id}/lobby`), 200)).json();
    expect(waiting.waiting.map((w: { displayName: string }) => w.displayName)).toEqual(["Wandering Guest"]);
    await expectStatus(host.post(`/api/meetings/${created.id}/lobby/${knockId}`, { admit: true }), 204);
    const admitted = await guest.post(`/api/lobby/${knockId}`);
    expect(admitted.status).toBe(200);
    const grant = await admitted.json();

    // Both are really in the call, each through another node, the guest with a microphone to
    // mute. Tokens grant entry only; the app grants media rights when LiveKit reports the join
    // (docs/decisions/013), so the microphone is published once that has happened.
    const [hostPeer, guestPeer] = await Promise.all([
      connectPeer(topology.livekitNodes[1]!.url, hostGrant.token),
      connectPeer(topology.livekitNodes[0]!.url, grant.token),
    ]);
    rooms.push(hostPeer.room, guestPeer.room);
    await Promise.all([untilAdmitted(hostPeer), untilAdmitted(guestPeer)]);
    // The host mutes what they see: the SFU has the track once the host's client is told of it.
    // (publishTrack resolves on LiveKit's first answer, a few hundred ms before the room lists the
    // track; a mute sent in between found nothing to mute and answered { muted: 0 }.)
    const published = nextEvent(hostPeer.room, RoomEvent.TrackPublished);
    await publishMicrophone(guestPeer);
    await published;
    const identity = guestPeer.room.localParticipant!.identity;
    const mutedSeen = nextEvent(hostPeer.room, RoomEvent.TrackMuted);
    const mute = await expectStatus(host.post(`/api/meetings/${created.id}/participants/${identity}/mute`, { source: "microphone" }), 200);
    expect(await mute.json()).toEqual({ muted: 1 });
    await mutedSeen;
    await expect.poll(() => [...guestPeer.room.localParticipant!.trackPublications.values()].map((t) => t.muted)).toEqual([true]);

    await expectStatus(host.post(`/api/meetings/${created.id}/end`, {}), 200);
    expect((await guest.post(`/api/invites/${token}/join`, { name: "Wandering Guest" })).status).toBe(410);

    // Round robin: both instances answered this one person, each more than once.
    expect(new Set(answeredBy)).toEqual(instancePorts);
    for (const port of instancePorts) expect(answeredBy.filter((p) => p === port).length).toBeGreaterThan(1);
  });
});
