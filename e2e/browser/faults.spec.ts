import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test } from "./support/test";
import { createMeetingFromDashboard, joinFromPreJoin, signUp, startCall } from "./support/accounts";
import { expectReceivingMediaFrom, recordPeerConnections, remoteTile } from "./support/media";
import { joinWithOwnClient } from "./support/own-client";
import { publishBlankCamera } from "../integration/support/livekit-peer";

const run = promisify(execFile);
const livekit = (action: "start" | "stop") => run("bash", ["scripts/service.sh", "test", "livekit", action]);

test("a LiveKit restart during a call: both see 'Reconnecting…' and are back in the call by themselves", async ({ newContext }) => {
  const { host, guest } = await startCall(newContext, {
    host: "Rhea Host",
    guest: "Ravi Guest",
    title: "Restart drill",
    recordStats: recordPeerConnections,
  });
  await expectReceivingMediaFrom(host, "Ravi Guest");
  await expectReceivingMediaFrom(guest, "Rhea Host");

  try {
    await livekit("stop");
    await expect(host.getByText("Reconnecting…").first()).toBeVisible();
    await expect(guest.getByText("Reconnecting…").first()).toBeVisible();
  } finally {
    await livekit("start");
  }
  const backAt = Date.now();
  // No reload, no click: both are in the call again and media flows both ways.
  await expectReceivingMediaFrom(host, "Ravi Guest");
  await expectReceivingMediaFrom(guest, "Rhea Host");
  console.log(`reconnect after LiveKit restart: ${Date.now() - backAt} ms from LiveKit ready to media flowing both ways`);
  await expect(host.getByText("Reconnecting…")).toHaveCount(0);
});

test("while the call connects, Leave is there: someone whose connection to LiveKit never comes is not stuck", async ({ newContext }) => {
  const host = await (await newContext()).newPage();
  await signUp(host, "Tess Host");
  const inviteUrl = await createMeetingFromDashboard(host, "Unreachable SFU");

  const guest = await (await newContext()).newPage();
  // LiveKit's signalling socket opens but never answers (a proxy that swallows it).
  await guest.routeWebSocket(/\/rtc\b/, () => undefined);
  await guest.goto(inviteUrl);
  await joinFromPreJoin(guest, "Cy Stuck");
  await expect(guest.getByText("Connecting…")).toBeVisible();
  await guest.getByRole("button", { name: "Leave" }).click();
  await expect(guest.getByRole("heading", { name: "You left the meeting" })).toBeVisible();
  await expect(guest.getByText("Connecting…")).toHaveCount(0);
});

test("the microphone and camera menus come even when no one else's video starts playing", async ({ newContext, baseURL }) => {
  const host = await (await newContext()).newPage();
  await signUp(host, "Sam Host");
  const inviteUrl = await createMeetingFromDashboard(host, "Video that never plays");

  // Someone already in the call with a camera on: the device menus wait for the first picture
  // of someone else's camera to play (decision 027, amendment (d)).
  const { peer } = await joinWithOwnClient(inviteUrl, baseURL, "Cam Peer");
  try {
    await publishBlankCamera(peer);

    // A browser in which no video ever starts playing: play() never settles.
    const guestContext = await newContext();
    await guestContext.addInitScript(() => {
      HTMLMediaElement.prototype.play = () => new Promise<void>(() => undefined);
    });
    const guest = await guestContext.newPage();
    await guest.goto(inviteUrl);
    await joinFromPreJoin(guest, "Gia Guest");
    await expect(remoteTile(guest, "Cam Peer")).toBeVisible();
    const controls = guest.getByRole("toolbar", { name: "Call controls" });
    for (const name of ["Choose microphone", "Choose camera"]) await expect(controls.getByRole("button", { name })).toBeEnabled();
    await controls.getByRole("button", { name: "Choose camera" }).click();
    await expect(guest.locator(".lk-device-menu").filter({ visible: true }).getByRole("button").first()).toBeVisible();
  } finally {
    await peer.leave();
  }
});
