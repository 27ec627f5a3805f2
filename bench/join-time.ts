/**
 * 1. Join time: real Chromium with fake devices, from the click on "Join meeting" to the
 * first decoded frame of a remote participant, in phases. The remote participant is a Node
 * peer (the host, joined through the host token route) publishing 320x180 at 15 fps.
 */
import { createMeeting, joinAsHost, signUpHost } from "./lib/app";
import { joinInBrowser, launchChromium, type JoinMarks } from "./lib/browser";
import { weighScripts } from "./lib/page-weight";
import { connectBenchPeer, SyntheticMedia } from "./lib/peers";
import { round, summarize } from "./lib/stats";

const RUNS = 20;

/** Phase boundaries, in order; each phase is the time from the previous boundary. */
const PHASES: [name: string, mark: keyof JoinMarks][] = [
  ["click → token response", "tokenResponse"],
  ["token → signalling connected", "signalFirstMessage"],
  ["signalling → media connected", "peerConnected"],
  ["media connected → first frame", "firstFrame"],
];

export async function benchJoinTime(log: (line: string) => void) {
  const host = await signUpHost("Join Bench Host");
  const meeting = await createMeeting(host, "Join time bench");
  const grant = await joinAsHost(host, meeting);
  const remote = await connectBenchPeer("host", grant.serverUrl, grant.token, { subscribe: false, countFrames: false });
  const media = new SyntheticMedia();
  await media.publish(remote);

  const browser = await launchChromium();
  const runs: JoinMarks[] = [];
  let callScripts: string[] = [];
  try {
    // One unmeasured run warms the server (first requests compile nothing in a production
    // build, but open database and LiveKit connections); each measured run has a cold cache.
    const warmup = await joinInBrowser(browser, meeting.inviteUrl, "Warm Up");
    await warmup.close();
    for (let i = 0; i < RUNS; i++) {
      const run = await joinInBrowser(browser, meeting.inviteUrl, `Guest ${i + 1}`);
      runs.push(run.marks);
      if (i === 0) callScripts = run.scriptUrls;
      await run.close();
      log(`join ${i + 1}/${RUNS}: ${round(run.marks.firstFrame! - run.marks.click)} ms`);
    }
  } finally {
    await browser.close();
    await media.close();
    await remote.leave();
  }

  const total = runs.map((m) => m.firstFrame! - m.click);
  const phases = Object.fromEntries(
    PHASES.map(([name, mark], index) => {
      const from = index === 0 ? "click" : PHASES[index - 1]![1];
      return [name, summarize(runs.map((m) => (m[mark] ?? Number.NaN) - (m[from] ?? Number.NaN)))];
    }),
  );
  const detail = {
    "click → token request sent": summarize(runs.map((m) => m.tokenRequestStart! - m.click)),
    "token response → signalling socket open": summarize(runs.map((m) => m.signalSocketOpen! - m.tokenResponse!)),
    "socket open → join response": summarize(runs.map((m) => m.signalFirstMessage! - m.signalSocketOpen!)),
    "media connected → remote track": summarize(runs.map((m) => m.remoteTrack! - m.peerConnected!)),
    "remote track → first frame": summarize(runs.map((m) => m.firstFrame! - m.remoteTrack!)),
  };
  const callPage = await weighScripts(callScripts);
  return {
    runs: RUNS,
    total: summarize(total),
    phases,
    detail,
    raw: runs.map((m) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, round(v - m.click)]))),
    callPageJs: {
      gzipKb: callPage.gzipKb,
      scripts: callPage.scripts.length,
      note: "all JS loaded from navigation to the first remote frame",
    },
    target: { p50Ms: 1000, p95Ms: 1500 },
  };
}
