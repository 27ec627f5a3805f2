import { readFileSync } from "node:fs";
import path from "node:path";
import { Room } from "@livekit/rtc-node";
import { afterAll, describe, expect, it } from "vitest";
import { Client } from "../integration/support/client";
import { testDb } from "../integration/support/db";
import { signUpAndSignIn } from "../integration/support/session";
import { service, topology } from "./support/topology";

/**
 * Nothing lost while the app is down (docs/decisions/016): LiveKit's webhooks for joins and
 * leaves that happen while no app instance is up never arrive; when an instance starts it
 * compares each live meeting's attendance with LiveKit's own participant list and records
 * the difference.
 */
const rooms: Room[] = [];
afterAll(async () => {
  await Promise.all(rooms.map((room) => room.disconnect().catch(() => undefined)));
});

async function connect(token: string): Promise<Room> {
  const room = new Room();
  rooms.push(room);
  await room.connect(topology.livekitNodes[1]!.url, token, { autoSubscribe: false, dynacast: false });
  return room;
}

/** True once a LiveKit node logged that it gave up sending this room's `event` webhook. */
function webhookGivenUp(room: string, event: string): boolean {
  return topology.livekitNodes.some((node) =>
    readFileSync(path.join(topology.runDir, `${node.name}.log`), "utf8")
      .split("\n")
      .some(
        (line) => line.includes("failed to send webhook") && line.includes(`"event": "${event}"`) && line.includes(`"room": "${room}"`),
      ),
  );
}

describe("attendance while every app instance is down", () => {
  it("joins and leaves that happened while no instance was up are in the attendance once one is back", { timeout: 240_000 }, async () => {
    const host = new Client((await signUpAndSignIn({ name: "Outage Host" })).cookie);
    const created = await (await host.post("/api/meetings", {})).json();
    const token = new URL(created.inviteUrl).pathname.split("/").pop()!;
    const grant = async (name: string) => (await (await new Client().post(`/api/invites/${token}/join`, { name })).json()).token as string;
    const [earlyToken, lateToken] = [await grant("Early Eve"), await grant("Late Leo")];

    // Eve is in the call before the outage (her join arrives as a webhook).
    const eve = await connect(earlyToken);
    const eveIdentity = eve.localParticipant!.identity;
    await expect
      .poll(() => testDb.participation.count({ where: { meetingId: created.id, identity: eveIdentity } }), { timeout: 20_000 })
      .toBe(1);

    await service("app-1", "stop");
    await service("app-2", "stop");
    let leoIdentity: string;
    try {
      // While no instance is up: Leo joins (with the token he got before) and Eve leaves.
      const leo = await connect(lateToken);
      leoIdentity = leo.localParticipant!.identity;
      await eve.disconnect();
      // LiveKit retries each webhook for a while, then gives up: wait for that (it logs it).
      const { roomName } = await testDb.meeting.findUniqueOrThrow({ where: { id: created.id } });
      await expect.poll(() => webhookGivenUp(roomName, "participant_joined"), { timeout: 90_000, interval: 1_000 }).toBe(true);
      await expect.poll(() => webhookGivenUp(roomName, "participant_left"), { timeout: 90_000, interval: 1_000 }).toBe(true);
      // Nothing of it reached the database.
      expect(await testDb.participation.count({ where: { meetingId: created.id, identity: leoIdentity } })).toBe(0);
      expect((await testDb.participation.findFirstOrThrow({ where: { identity: eveIdentity } })).leftAt).toBeNull();
    } finally {
      await service("app-1", "start");
      await service("app-2", "start");
    }

    // Once an instance is back, both are recorded: Leo in the call, Eve gone.
    await expect
      .poll(
        () =>
          testDb.participation.findMany({
            where: { meetingId: created.id, identity: leoIdentity },
            select: { leftAt: true, displayName: true },
          }),
        {
          timeout: 20_000,
        },
      )
      .toEqual([{ leftAt: null, displayName: "Late Leo" }]);
    await expect
      .poll(async () => (await testDb.participation.findFirstOrThrow({ where: { identity: eveIdentity } })).leftAt, { timeout: 20_000 })
      .not.toBeNull();
  });
});
