/**
 * 4. End for all: 10 Node participants join one meeting through the app's invite route;
 * the host ends it through POST /api/meetings/<id>/end. Measured from just before that
 * request to (a) the moment the SFU has nobody left in the room (polled through LiveKit's
 * server API every few ms: the server's view, when media stops), and (b) the last
 * participant's Disconnected event in @livekit/rtc-node (the client library's view, which
 * lags: it can take seconds to report a leave the SFU sent within milliseconds).
 */
import { RoomServiceClient } from "livekit-server-sdk";
import { createMeeting, endMeeting, joinAsGuest, signUpHost } from "./lib/app";
import { connectBenchPeer } from "./lib/peers";
import { round, summarize } from "./lib/stats";

const PARTICIPANTS = 10;
const RUNS = 10;
/** A client that has not reported its disconnect by then is recorded at this value. */
const CLIENT_WAIT_MS = 10_000;

const roomService = () => new RoomServiceClient(process.env.LIVEKIT_API_URL!, process.env.LIVEKIT_API_KEY, process.env.LIVEKIT_API_SECRET);

/** The room a join token is for (its `video.room` claim). */
function roomOf(token: string): string {
  return JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8")).video.room;
}

/** Polls until LiveKit reports nobody in the room (or the room gone); when, or NaN. */
async function sfuEmptyAt(rooms: RoomServiceClient, room: string, deadline: number): Promise<number> {
  while (performance.now() < deadline) {
    const inRoom = await rooms.listParticipants(room).catch(() => []);
    if (inRoom.length === 0) return performance.now();
  }
  return Number.NaN;
}

export async function benchEndForAll(log: (line: string) => void) {
  const host = await signUpHost("End Bench Host");
  const rooms = roomService();
  const sfuEmpty: number[] = [];
  const lastClientDisconnect: number[] = [];
  const endResponse: number[] = [];
  let clientsLate = 0;
  for (let run = 0; run < RUNS; run++) {
    const meeting = await createMeeting(host, `End for all ${run + 1}`);
    const grants = await Promise.all(Array.from({ length: PARTICIPANTS }, (_, i) => joinAsGuest(meeting, `Peer ${i + 1}`)));
    const peers = await Promise.all(
      grants.map((grant, i) => connectBenchPeer(`Peer ${i + 1}`, grant.serverUrl, grant.token, { subscribe: false, countFrames: false })),
    );
    const room = roomOf(grants[0]!.token);

    const start = performance.now();
    const emptied = sfuEmptyAt(rooms, room, start + CLIENT_WAIT_MS);
    const response = await endMeeting(host, meeting);
    const answered = performance.now();
    if (!response.ok) throw new Error(`end meeting: HTTP ${response.status} ${await response.text()}`);
    const clientDeadline = new Promise<number>((resolve) => setTimeout(() => resolve(Number.NaN), CLIENT_WAIT_MS));
    const clientTimes = await Promise.all(peers.map((p) => Promise.race([p.disconnectedAt, clientDeadline])));
    const late = clientTimes.filter((t) => Number.isNaN(t)).length;
    clientsLate += late;
    // No leave() here: the server has closed these rooms, and disconnecting an rtc-node room
    // the server already closed fails inside its FFI layer ("handle not found").

    const sfuMs = (await emptied) - start;
    const clientMs = late > 0 ? CLIENT_WAIT_MS : Math.max(...clientTimes) - start;
    sfuEmpty.push(sfuMs);
    lastClientDisconnect.push(clientMs);
    endResponse.push(answered - start);
    log(
      `end for all ${run + 1}/${RUNS}: SFU empty after ${round(sfuMs)} ms; last client reported after ` +
        `${late > 0 ? `≥ ${CLIENT_WAIT_MS} ms (${late} late)` : `${round(clientMs)} ms`} (route answered in ${round(answered - start)} ms)`,
    );
  }
  return {
    participants: PARTICIPANTS,
    runs: RUNS,
    sfuEmptyMs: summarize(sfuEmpty),
    lastDisconnectMs: summarize(lastClientDisconnect),
    clientsLate,
    clientWaitMs: CLIENT_WAIT_MS,
    endRouteResponseMs: summarize(endResponse),
    target: { p95Ms: 500 },
  };
}
