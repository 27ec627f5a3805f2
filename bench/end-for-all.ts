/**
 * 4. End for all: 10 Node participants join one meeting through the app's invite route;
 * the host ends it through POST /api/meetings/<id>/end. Measured from just before that
 * request to the last participant's Disconnected event, over 10 meetings.
 */
import { createMeeting, endMeeting, joinAsGuest, signUpHost } from "./lib/app";
import { connectBenchPeer } from "./lib/peers";
import { round, summarize } from "./lib/stats";

const PARTICIPANTS = 10;
const RUNS = 10;

export async function benchEndForAll(log: (line: string) => void) {
  const host = await signUpHost("End Bench Host");
  const lastDisconnect: number[] = [];
  const endResponse: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const meeting = await createMeeting(host, `End for all ${run + 1}`);
    const peers = await Promise.all(
      Array.from({ length: PARTICIPANTS }, async (_, i) => {
        const grant = await joinAsGuest(meeting, `Peer ${i + 1}`);
        return connectBenchPeer(`Peer ${i + 1}`, grant.serverUrl, grant.token, { subscribe: false, countFrames: false });
      }),
    );
    const start = performance.now();
    const response = await endMeeting(host, meeting);
    const answered = performance.now();
    if (!response.ok) throw new Error(`end meeting: HTTP ${response.status} ${await response.text()}`);
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("peers still connected 10 s after the end")), 10_000));
    const times = await Promise.race([Promise.all(peers.map((p) => p.disconnectedAt)), timeout]);
    lastDisconnect.push(Math.max(...times) - start);
    endResponse.push(answered - start);
    log(`end for all ${run + 1}/${RUNS}: last of ${PARTICIPANTS} disconnected after ${round(Math.max(...times) - start)} ms (route answered in ${round(answered - start)} ms)`);
  }
  return {
    participants: PARTICIPANTS,
    runs: RUNS,
    lastDisconnectMs: summarize(lastDisconnect),
    endRouteResponseMs: summarize(endResponse),
    target: { p95Ms: 500 },
  };
}
