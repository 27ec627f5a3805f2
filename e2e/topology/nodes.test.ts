import {
  AudioFrame,
  AudioSource,
  AudioStream,
  LocalAudioTrack,
  Room,
  RoomEvent,
  TrackKind,
  TrackPublishOptions,
  TrackSource,
} from "@livekit/rtc-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "../integration/support/client";
import { untilAdmitted } from "../integration/support/livekit-peer";
import { testDb } from "../integration/support/db";
import { signUpAndSignIn } from "../integration/support/session";
import { nodeHosting, nodeIdOf, nodeStats, roomNodeMap, topology } from "./support/topology";

/**
 * Several LiveKit nodes on one Redis (docs/decisions/016): rooms are placed on either node,
 * a participant may signal through any node, and every node's webhooks reach the app.
 * Peers here are real WebRTC clients (@livekit/rtc-node) that connect to one node each,
 * directly, so the test knows which node each one signalled through.
 */
let host: Client;
const rooms: Room[] = [];

beforeAll(async () => {
  host = new Client((await signUpAndSignIn({ name: "Nodes Host" })).cookie);
});

afterAll(async () => {
  await Promise.all(rooms.map((room) => room.disconnect().catch(() => undefined)));
});

async function newMeeting() {
  const created = await (await host.post("/api/meetings", {})).json();
  const meeting = await testDb.meeting.findUniqueOrThrow({ where: { id: created.id } });
  return { id: meeting.id, roomName: meeting.roomName, token: new URL(created.inviteUrl).pathname.split("/").pop()! };
}

async function join(client: Client, token: string, name: string): Promise<string> {
  const response = await client.post(`/api/invites/${token}/join`, { name });
  expect(response.status).toBe(200);
  return (await response.json()).token as string;
}

async function connectThrough(nodeUrl: string, token: string, autoSubscribe = false): Promise<Room> {
  const room = new Room();
  rooms.push(room);
  await room.connect(nodeUrl, token, { autoSubscribe, dynacast: false });
  return room;
}

const [node1, node2] = topology.livekitNodes as [(typeof topology.livekitNodes)[0], (typeof topology.livekitNodes)[0]];

describe("two LiveKit nodes sharing Redis", () => {
  it("ten meetings are spread over both nodes, and both nodes' webhooks reach the app: attendance is complete", async () => {
    // LiveKit places each new room on the node with the fewest rooms, by the stats every node
    // writes to Redis every 2 s (node_selector sort_by: rooms, docs/decisions/016). Meetings start
    // one after the other here, each once its node's stats count its room: ten started within
    // the same two seconds would all land on the node that had fewer rooms before them.
    const meetings: Awaited<ReturnType<typeof newMeeting>>[] = [];
    const connected: Room[] = [];
    for (let i = 0; i < 10; i++) {
      const meeting = await newMeeting();
      // The host joins (the app creates the room through the proxy's LiveKit API address, which
      // any node answers), signalling through alternating nodes.
      connected.push(await connectThrough((i % 2 ? node2 : node1).url, await join(host, meeting.token, "Nodes Host")));
      const placedAt = Math.floor(Date.now() / 1000);
      const node = await nodeHosting(meeting.roomName);
      await expect.poll(async () => (await nodeStats(node)).updatedAt, { timeout: 10_000 }).toBeGreaterThan(placedAt);
      meetings.push(meeting);
    }

    const placement = await roomNodeMap();
    const nodesUsed = new Set(meetings.map((m) => placement.get(m.roomName)));
    expect(nodesUsed).toEqual(new Set([nodeIdOf("livekit-1"), nodeIdOf("livekit-2")]));

    // participant_joined from whichever node hosts each room, through the proxy to an app
    // instance, into the attendance.
    await expect
      .poll(() => testDb.participation.count({ where: { meetingId: { in: meetings.map((m) => m.id) } } }), { timeout: 20_000 })
      .toBe(10);

    await Promise.all(connected.map((room) => room.disconnect()));
    await expect
      .poll(() => testDb.participation.count({ where: { meetingId: { in: meetings.map((m) => m.id) }, leftAt: { not: null } } }), {
        timeout: 20_000,
      })
      .toBe(10);
  });

  it("two people who signal through different nodes are in one room and hear each other", async () => {
    const meeting = await newMeeting();
    const speaker = await connectThrough(node1.url, await join(host, meeting.token, "Nodes Host"));
    const listener = await connectThrough(node2.url, await join(new Client(), meeting.token, "Lena Listener"), true);

    // Both see each other, whichever node they came through.
    await expect.poll(() => [...listener.remoteParticipants.values()].map((p) => p.name), { timeout: 10_000 }).toEqual(["Nodes Host"]);
    await expect.poll(() => [...speaker.remoteParticipants.values()].map((p) => p.name), { timeout: 10_000 }).toEqual(["Lena Listener"]);

    // Media rights arrive once the app has heard each join (docs/decisions/013).
    await Promise.all([speaker, listener].map((room) => untilAdmitted({ room })));
    // The speaker publishes a tone; the listener decodes audio frames with sound in them.
    const source = new AudioSource(48_000, 1);
    const track = LocalAudioTrack.createAudioTrack("microphone", source);
    await speaker.localParticipant!.publishTrack(track, new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE }));
    let feeding = true;
    const feed = (async () => {
      for (let n = 0; feeding; n++) {
        const frame = AudioFrame.create(48_000, 1, 480);
        for (let i = 0; i < 480; i++) frame.data[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * (n * 480 + i)) / 48_000));
        await source.captureFrame(frame); // paced by the source's own 10 ms frames
      }
    })();

    const heard = await new Promise<number>((resolve) => {
      listener.on(RoomEvent.TrackSubscribed, async (remoteTrack) => {
        if (remoteTrack.kind !== TrackKind.KIND_AUDIO) return;
        let loudFrames = 0;
        const reader = new AudioStream(remoteTrack, 48_000, 1).getReader();
        while (loudFrames < 50) {
          const { value: frame, done } = await reader.read();
          if (done) break;
          if (frame.data.some((sample: number) => Math.abs(sample) > 1000)) loudFrames++;
        }
        reader.releaseLock();
        resolve(loudFrames);
      });
    });
    feeding = false;
    await feed;
    expect(heard).toBe(50);

    // Still one room, on one node.
    expect((await roomNodeMap()).get(meeting.roomName)).toMatch(/^ND_/);
  });
});
