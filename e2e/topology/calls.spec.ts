import { expect, test } from "@playwright/test";
import { hashInviteToken } from "@/lib/meetings/invite-token";
import { testDb } from "../integration/support/db";
import { startTopologyCall } from "./support/call";
import { expectReceivingMediaFrom, recordPeerConnections } from "../browser/support/media";
import { isAlive, nodeHosting, otherNode, pidOf, service, signalAndWaitForExit, topology } from "./support/topology";
import { forceTurnRelay, framesDecodedPerConnection, framesDecodedSince, selectedCandidatePairs } from "./support/webrtc";

/**
 * Calls on the production topology, in real Chromium through the edge, Caddy and two LiveKit
 * nodes: TURN, a node killed or drained mid-call, an app instance stopped mid-call.
 */

/** The LiveKit room of the meeting an invite link belongs to (from the database). */
async function roomOfInvite(inviteUrl: string): Promise<string> {
  const token = new URL(inviteUrl).pathname.split("/").pop()!;
  const invite = await testDb.invite.findUniqueOrThrow({ where: { tokenHash: hashInviteToken(token) }, include: { meeting: true } });
  return invite.meeting.roomName;
}

for (const transport of ["udp", "tls"] as const) {
  test(`with only TURN/${transport.toUpperCase()} allowed, both decode each other's video through a relay`, async ({ browser }) => {
    const { host, guest, close } = await startTopologyCall(browser, {
      host: `Tara ${transport} Host`,
      guest: `Gil ${transport} Guest`,
      title: `Relay over ${transport}`,
      prepare: async (context) => {
        await recordPeerConnections(context);
        await forceTurnRelay(context, transport, topology.httpsPort);
      },
    });
    const joinedAt = Date.now();
    await expectReceivingMediaFrom(guest, `Tara ${transport} Host`);
    await expectReceivingMediaFrom(host, `Gil ${transport} Guest`);
    console.log(`join over TURN/${transport}: media both ways ${Date.now() - joinedAt} ms after the guest's join`);

    for (const page of [host, guest]) {
      const pairs = await selectedCandidatePairs(page);
      expect(pairs.length).toBeGreaterThan(0);
      for (const pair of pairs) expect(pair).toMatchObject({ localType: "relay", relayProtocol: transport });
    }
    await close();
  });
}

test("without restrictions, media goes directly to the SFU: no relay in the selected pairs", async ({ browser }) => {
  const { host, guest, close } = await startTopologyCall(browser, {
    host: "Dora Direct Host",
    guest: "Dirk Direct Guest",
    title: "Direct",
    prepare: recordPeerConnections,
  });
  const joinedAt = Date.now();
  await expectReceivingMediaFrom(guest, "Dora Direct Host");
  await expectReceivingMediaFrom(host, "Dirk Direct Guest");
  console.log(`join direct: media both ways ${Date.now() - joinedAt} ms after the guest's join`);
  for (const page of [host, guest]) {
    const pairs = await selectedCandidatePairs(page);
    expect(pairs.length).toBeGreaterThan(0);
    for (const pair of pairs) expect(pair.localType).not.toBe("relay");
  }
  await close();
});

test("SIGKILL to the node hosting a call: everyone is back with media on the other node within 15 s, and the host's controls work", async ({
  browser,
}) => {
  const { host, guest, inviteUrl, close } = await startTopologyCall(browser, {
    host: "Kim Host",
    guest: "Kai Guest",
    title: "Failover drill",
    prepare: recordPeerConnections,
  });
  await expectReceivingMediaFrom(host, "Kai Guest");
  await expectReceivingMediaFrom(guest, "Kim Host");
  const victim = await nodeHosting(await roomOfInvite(inviteUrl));
  await expect(guest.getByRole("button", { name: "Microphone", exact: true })).toHaveAttribute("aria-pressed", "true");

  const framesAtKill = { host: await framesDecodedPerConnection(host), guest: await framesDecodedPerConnection(guest) };
  const killedAt = Date.now();
  await signalAndWaitForExit(victim, "SIGKILL");
  try {
    // Back without a reload: fresh frames decoded on both sides within 15 s of the kill.
    // (A connection decodes at most a frame or two between the snapshot and the kill; more
    // than 10 new ones means video is being decoded again, as in expectReceivingMediaFrom.)
    await expect
      .poll(() => framesDecodedSince(host, framesAtKill.host), { timeout: 15_000 - (Date.now() - killedAt), intervals: [250] })
      .toBeGreaterThan(10);
    await expect
      .poll(() => framesDecodedSince(guest, framesAtKill.guest), { timeout: 15_000 - (Date.now() - killedAt), intervals: [250] })
      .toBeGreaterThan(10);
    console.log(`SIGKILL failover: media back both ways ${Date.now() - killedAt} ms after the kill`);
    await expectReceivingMediaFrom(host, "Kai Guest");
    await expectReceivingMediaFrom(guest, "Kim Host");
    // LiveKit moved the room to the surviving node.
    expect(await nodeHosting(await roomOfInvite(inviteUrl))).toBe(otherNode(victim));

    // The host's controls still work: mute, then end for all.
    await host.getByRole("button", { name: /^People/ }).click();
    await host.getByRole("button", { name: "Mute Kai Guest" }).click();
    await expect(guest.getByRole("button", { name: "Microphone", exact: true })).toHaveAttribute("aria-pressed", "false");
    await host.getByRole("button", { name: "End meeting for all" }).click();
    await host.getByRole("button", { name: "End for all" }).click();
    await expect(guest.getByRole("heading", { name: "The host ended the meeting" })).toBeVisible();
  } finally {
    await service(victim, "start");
  }
  await close();
});

test("SIGTERM to the node hosting a call: the call goes on while the node drains, and new meetings go to the other node", async ({
  browser,
}) => {
  const { host, guest, inviteUrl, close } = await startTopologyCall(browser, {
    host: "Dana Host",
    guest: "Dev Guest",
    title: "Drain drill",
    prepare: recordPeerConnections,
  });
  await expectReceivingMediaFrom(host, "Dev Guest");
  await expectReceivingMediaFrom(guest, "Dana Host");
  const draining = await nodeHosting(await roomOfInvite(inviteUrl));
  const pid = pidOf(draining);

  try {
    process.kill(pid, "SIGTERM");
    const before = { host: await framesDecodedPerConnection(host), guest: await framesDecodedPerConnection(guest) };
    // The node is still there, serving the call: frames keep coming on the same connections.
    await expect.poll(() => framesDecodedSince(host, before.host)).toBeGreaterThan(60);
    await expect.poll(() => framesDecodedSince(guest, before.guest)).toBeGreaterThan(60);
    expect(isAlive(pid)).toBe(true);
    await expect(host.getByText("Reconnecting…")).toHaveCount(0);

    // A meeting started now is placed on the other node.
    const created = await host.request.post("/api/meetings", { data: { title: "While draining" } });
    expect(created.status()).toBe(201);
    const next = (await created.json()) as { inviteUrl: string };
    const joined = await host.request.post(`/api/invites/${new URL(next.inviteUrl).pathname.split("/").pop()}/join`, {
      data: { name: "Dana Host" },
    });
    expect(joined.status()).toBe(200);
    expect(await nodeHosting(await roomOfInvite(next.inviteUrl))).toBe(otherNode(draining));

    // Once the call is over, the drained node exits by itself.
    await host.getByRole("button", { name: "End meeting for all" }).click();
    await host.getByRole("button", { name: "End for all" }).click();
    await expect(guest.getByRole("heading", { name: "The host ended the meeting" })).toBeVisible();
    await expect.poll(() => isAlive(pid), { timeout: 30_000 }).toBe(false);
  } finally {
    if (isAlive(pid)) await signalAndWaitForExit(draining, "SIGKILL");
    await service(draining, "start");
  }
  await close();
});

test("stopping one app instance during a call leaves the call untouched, and every later request succeeds through the other", async ({
  browser,
}) => {
  const { host, guest, close } = await startTopologyCall(browser, {
    host: "Ines Host",
    guest: "Ivo Guest",
    title: "Instance drill",
    prepare: recordPeerConnections,
  });
  await expectReceivingMediaFrom(host, "Ivo Guest");
  await expectReceivingMediaFrom(guest, "Ines Host");

  try {
    await service("app-1", "stop");
    const before = { host: await framesDecodedPerConnection(host), guest: await framesDecodedPerConnection(guest) };
    await expect.poll(() => framesDecodedSince(host, before.host)).toBeGreaterThan(60);
    await expect.poll(() => framesDecodedSince(guest, before.guest)).toBeGreaterThan(60);
    await expect(host.getByText("Reconnecting…")).toHaveCount(0);

    // Requests keep working: the dashboard, a new meeting, moderation, end for all.
    for (let i = 0; i < 4; i++) expect((await host.request.get("/api/health")).status()).toBe(200);
    expect((await host.request.post("/api/meetings", { data: { title: "After the stop" } })).status()).toBe(201);
    await expect(guest.getByRole("button", { name: "Microphone", exact: true })).toHaveAttribute("aria-pressed", "true");
    await host.getByRole("button", { name: /^People/ }).click();
    await host.getByRole("button", { name: "Mute Ivo Guest" }).click();
    await expect(guest.getByRole("button", { name: "Microphone", exact: true })).toHaveAttribute("aria-pressed", "false");
    await host.getByRole("button", { name: "End meeting for all" }).click();
    await host.getByRole("button", { name: "End for all" }).click();
    await expect(guest.getByRole("heading", { name: "The host ended the meeting" })).toBeVisible();
  } finally {
    await service("app-1", "start");
  }
  await close();
});
