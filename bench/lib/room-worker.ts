/**
 * One load-generator process of the room-size benchmark (bench/room-size.ts forks several,
 * so that the Node participants spread over both cores instead of queueing on one event
 * loop). It joins peers through the app's invite route on request, publishes synthetic
 * media for those asked to, and reports the frames each peer received from each sender.
 * Messages: {join: {inviteToken, name, publish}} → {joined: identity} | {failed: message};
 * {videoFrom: {publishers, timeoutMs}} → {subscriptions: {up, expected}} once every peer is
 * subscribed to every other publisher's video, or at the timeout;
 * {frames} → {frames: [[identity, [[from, count]…]]…]}; {leave} → {left}.
 */
import { joinAsGuest, type BenchMeeting } from "./app";
import { connectBenchPeer, SyntheticMedia, type BenchPeer } from "./peers";

type Request =
  | { join: { inviteToken: string; name: string; publish: boolean } }
  | { videoFrom: { publishers: string[]; timeoutMs: number } }
  | { frames: true }
  | { leave: true };

const media = new SyntheticMedia();
const peers: BenchPeer[] = [];
const send = (message: unknown) => process.send!(message);

process.on("message", async (request: Request) => {
  if ("join" in request) {
    try {
      const meeting = { inviteToken: request.join.inviteToken } as BenchMeeting;
      const grant = await joinAsGuest(meeting, request.join.name);
      const peer = await connectBenchPeer(request.join.name, grant.serverUrl, grant.token, { subscribe: true, countFrames: true });
      if (request.join.publish) await media.publish(peer);
      peers.push(peer);
      send({ joined: peer.room.localParticipant!.identity });
    } catch (error) {
      send({ failed: String(error) });
    }
  } else if ("videoFrom" in request) {
    const { publishers, timeoutMs } = request.videoFrom;
    const expected = peers.map((p) => publishers.filter((id) => id !== p.room.localParticipant!.identity));
    const up = await Promise.all(peers.map((p, i) => p.videoFrom(expected[i]!, timeoutMs)));
    send({ subscriptions: { up: up.reduce((s, n) => s + n, 0), expected: expected.reduce((s, ids) => s + ids.length, 0) } });
  } else if ("frames" in request) {
    send({ frames: peers.map((p) => [p.room.localParticipant!.identity, [...p.framesFrom]]) });
  } else {
    await Promise.all(peers.map((p) => p.leave().catch(() => undefined)));
    await media.close();
    // Exit once the answer has reached the parent (rtc-node's native handles keep the process alive).
    process.send!({ left: true }, () => process.exit(0));
  }
});
send({ ready: true });
