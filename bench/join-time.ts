/**
 * 1. Join time: real Chromium with fake devices, from the click on "Join meeting" to the
 * first decoded frame of a remote participant, in phases, beside its floor measured in the
 * same run (bench/lib/floor-page.ts: a bare page that connects livekit-client with a plain
 * token). Parley's and the floor's runs alternate, so both see the same machine. Each remote
 * participant is a Node peer publishing 320x180 at 15 fps (Parley's: the host, joined
 * through the host token route; the floor's: a full-grant peer in the floor's own room).
 * Also: invite link opened → local camera preview showing.
 */
import { RoomServiceClient } from "livekit-server-sdk";
import { createMeeting, joinAsHost, signUpHost } from "./lib/app";
import { joinInBrowser, launchChromium, type JoinMarks } from "./lib/browser";
import { fullGrantToken, startFloorPage } from "./lib/floor-page";
import { weighScripts } from "./lib/page-weight";
import { connectBenchPeer, SyntheticMedia } from "./lib/peers";
import { benchPort } from "./lib/ports";
import { round, summarize } from "./lib/stats";

const RUNS = Number(process.env.BENCH_JOIN_RUNS ?? 20);

/** Phase boundaries, in order; each phase is the time from the previous boundary. */
const PHASES: [name: string, mark: keyof JoinMarks][] = [
  ["click → token response", "tokenResponse"],
  ["token → signalling connected", "signalFirstMessage"],
  ["signalling → media connected", "peerConnected"],
  ["media connected → first frame", "firstFrame"],
];

function phasesOf(runs: JoinMarks[]) {
  return Object.fromEntries(
    PHASES.map(([name, mark], index) => {
      const from = index === 0 ? "click" : PHASES[index - 1]![1];
      return [name, summarize(runs.map((m) => (m[mark] ?? Number.NaN) - (m[from] ?? Number.NaN)))];
    }),
  );
}

function detailOf(runs: JoinMarks[]) {
  // Only Parley claims its rights; the floor's token carries them.
  const claimed = runs.filter((m) => m.rightsGranted !== undefined);
  return {
    "click → token request sent": summarize(runs.map((m) => m.tokenRequestStart! - m.click)),
    "token response → signalling socket open": summarize(runs.map((m) => m.signalSocketOpen! - m.tokenResponse!)),
    "socket open → join response": summarize(runs.map((m) => m.signalFirstMessage! - m.signalSocketOpen!)),
    "join response → remote track": summarize(runs.map((m) => m.remoteTrack! - m.signalFirstMessage!)),
    "remote track → first video packet": summarize(runs.map((m) => m.firstPacket! - m.remoteTrack!)),
    "first video packet → first frame": summarize(runs.map((m) => m.firstFrame! - m.firstPacket!)),
    ...(claimed.length > 0 && {
      "join response → rights granted (POST …/admission answered)": summarize(claimed.map((m) => m.rightsGranted! - m.signalFirstMessage!)),
    }),
  };
}

const relative = (m: JoinMarks) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, round(v - m.click)]));

export async function benchJoinTime(log: (line: string) => void) {
  const host = await signUpHost("Join Bench Host");
  const meeting = await createMeeting(host, "Join time bench");
  const grant = await joinAsHost(host, meeting);
  const remote = await connectBenchPeer("host", grant.serverUrl, grant.token, { subscribe: false, countFrames: false });
  const media = new SyntheticMedia();
  await media.publish(remote);

  // The floor's room and its publisher (the same synthetic camera as Parley's host).
  const floorRoom = `bench-floor-${Date.now()}`;
  const rooms = new RoomServiceClient(process.env.LIVEKIT_API_URL!, process.env.LIVEKIT_API_KEY, process.env.LIVEKIT_API_SECRET);
  await rooms.createRoom({ name: floorRoom, emptyTimeout: 60 });
  const floorRemote = await connectBenchPeer("floor host", process.env.LIVEKIT_URL!, await fullGrantToken(floorRoom, "floor-host"), {
    subscribe: false,
    countFrames: false,
    awaitAdmission: false,
  });
  await media.publish(floorRemote);
  const floorPage = await startFloorPage(benchPort(1), floorRoom);

  const browser = await launchChromium();
  const runs: JoinMarks[] = [];
  const floorRuns: JoinMarks[] = [];
  let callScripts: string[] = [];
  try {
    // One unmeasured run of each warms the servers (first requests compile nothing in a
    // production build, but open database and LiveKit connections); each measured run has a
    // cold browser cache.
    await (await joinInBrowser(browser, meeting.inviteUrl, "Warm Up")).close();
    await (await joinInBrowser(browser, floorPage.url, "Floor", { floor: true })).close();
    for (let i = 0; i < RUNS; i++) {
      const floor = await joinInBrowser(browser, floorPage.url, "Floor", { floor: true });
      floorRuns.push(floor.marks);
      await floor.close();
      const run = await joinInBrowser(browser, meeting.inviteUrl, `Guest ${i + 1}`);
      runs.push(run.marks);
      if (i === 0) callScripts = run.scriptUrls;
      await run.close();
      log(
        `join ${i + 1}/${RUNS}: Parley ${round(run.marks.firstFrame! - run.marks.click)} ms, ` +
          `floor ${round(floor.marks.firstFrame! - floor.marks.click)} ms, preview ${round(run.marks.previewShowing!)} ms`,
      );
    }
  } finally {
    await browser.close();
    await floorPage.close();
    await media.close();
    await remote.leave();
    await floorRemote.leave();
    await rooms.deleteRoom(floorRoom).catch(() => undefined);
  }

  const total = summarize(runs.map((m) => m.firstFrame! - m.click));
  const floorTotal = summarize(floorRuns.map((m) => m.firstFrame! - m.click));
  const callPage = await weighScripts(callScripts);
  return {
    runs: RUNS,
    total,
    floor: floorTotal,
    ratio: { p50: round(total.p50 / floorTotal.p50, 2), p95: round(total.p95 / floorTotal.p95, 2) },
    preview: summarize(runs.map((m) => m.previewShowing!)),
    // Runs whose first forwarded key frame was lost (the browser asked for another, PLI, first).
    keyFrameWaits: {
      parley: runs.filter((m) => m.keyFrameRequested !== undefined).length,
      floor: floorRuns.filter((m) => m.keyFrameRequested !== undefined).length,
    },
    phases: phasesOf(runs),
    floorPhases: phasesOf(floorRuns),
    detail: detailOf(runs),
    floorDetail: detailOf(floorRuns),
    raw: runs.map(relative),
    floorRaw: floorRuns.map(relative),
    callPageJs: {
      gzipKb: callPage.gzipKb,
      scripts: callPage.scripts.length,
      note: "all JS loaded from navigation to the first remote frame",
    },
    target: { p50Ms: 450, p50VsFloor: 1.15, p95VsFloor: 1.3 },
  };
}
