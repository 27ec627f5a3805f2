import type { Room } from "@livekit/rtc-node";
import { afterAll, describe, expect, it } from "vitest";
import { Client } from "../integration/support/client";
import { connectPeer, publishMicrophone, untilAdmitted } from "../integration/support/livekit-peer";
import { signUpAndSignIn } from "../integration/support/session";
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
    const host = new Client((await signUpAndSignIn({ name: "Roaming Host" })).cookie);
    const guest = new Client();
    const answeredBy: string[] = [];
    const expectStatus = async (response: Promise<Response>, status: number) => {
      const answer = await response;
      answeredBy.push(answer.headers.get("x-parley-upstream") ?? "none");
      expect(answer.status, `${answer.url} answered ${answer.status}`).toBe(status);
      return answer;
    };

    const created = await (await expectStatus(host.post("/api/meetings", {}), 201)).json();
    const token = new URL(created.inviteUrl).pathname.split("/").pop()!;
    await expectStatus(host.patch(`/api/meetings/${created.id}/settings`, { lobbyEnabled: true }), 200);
    await expectStatus(host.post(`/api/invites/${token}/join`, { name: "Roaming Host" }), 200);

    const { knockId } = await (await guest.post(`/api/invites/${token}/join`, { name: "Wandering Guest" })).json();
    const waiting = await (await expectStatus(host.get(`/api/meetings/${created.id}/lobby`), 200)).json();
    expect(waiting.waiting.map((w: { displayName: string }) => w.displayName)).toEqual(["Wandering Guest"]);
    await expectStatus(host.post(`/api/meetings/${created.id}/lobby/${knockId}`, { admit: true }), 204);
    const admitted = await guest.post(`/api/lobby/${knockId}`);
    expect(admitted.status).toBe(200);
    const grant = await admitted.json();

    // The guest is really in the call (through a node directly), with a microphone to mute.
    // Tokens grant entry only; the app grants media rights when LiveKit reports the join
    // (docs/decisions/013), so the microphone is published once that has happened.
    const peer = await connectPeer(topology.livekitNodes[0]!.url, grant.token);
    const room = peer.room;
    rooms.push(room);
    await untilAdmitted(peer);
    await publishMicrophone(peer);
    const identity = room.localParticipant!.identity;
    await expectStatus(host.post(`/api/meetings/${created.id}/participants/${identity}/mute`, { source: "microphone" }), 200);
    await expect.poll(() => [...room.localParticipant!.trackPublications.values()].every((t) => t.muted), { timeout: 10_000 }).toBe(true);

    await expectStatus(host.post(`/api/meetings/${created.id}/end`, {}), 200);
    expect((await guest.post(`/api/invites/${token}/join`, { name: "Wandering Guest" })).status).toBe(410);

    // Round robin: both instances answered this one person, each more than once.
    expect(new Set(answeredBy)).toEqual(instancePorts);
    for (const port of instancePorts) expect(answeredBy.filter((p) => p === port).length).toBeGreaterThan(1);
  });
});
