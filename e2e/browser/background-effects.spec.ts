import { expect, test } from "./support/test";
import type { Locator, Page } from "@playwright/test";
import { joinFromPreJoin, startCall } from "./support/accounts";
import { inboundMedia, recordPeerConnections, remoteTile } from "./support/media";

/**
 * What a video element shows, on a 160x90 copy: how many pixels sit on a strong edge (luma
 * step > 35 to the left neighbour; Chromium's fake camera draws a sharp pac-man and digits,
 * which blur smears) and the mean blue level (the fake camera is green; the plain background
 * image is blue-grey).
 */
function frameStats(video: Locator) {
  return video.evaluate((v: HTMLVideoElement) => {
    const canvas = document.createElement("canvas");
    canvas.width = 160;
    canvas.height = 90;
    const context = canvas.getContext("2d", { willReadFrequently: true })!;
    context.drawImage(v, 0, 0, canvas.width, canvas.height);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    const luma = (i: number) => 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
    let strongEdges = 0;
    let blue = 0;
    for (let i = 0; i < data.length; i += 4) {
      blue += data[i + 2]!;
      if (i % (canvas.width * 4) !== 0 && Math.abs(luma(i) - luma(i - 4)) > 35) strongEdges++;
    }
    return { strongEdges, meanBlue: blue / (data.length / 4) };
  });
}

/** What the effects panel says when an effect could not start (components/meeting/effects-controls.tsx). */
const effectFailed = /could not start|cannot change the camera background/;

async function baseline(video: Locator) {
  const samples = [];
  for (let i = 0; i < 3; i++) samples.push((await frameStats(video)).strongEdges);
  return Math.min(...samples);
}

/** Every request a page makes goes to Parley or its LiveKit, never elsewhere. */
function watchOrigins(page: Page) {
  const origins = new Set<string>();
  page.on("request", (request) => origins.add(new URL(request.url()).origin));
  return origins;
}

test("in the call, blur reaches the frames the other side decodes, frames keep flowing, and nothing loads from elsewhere", async ({
  newContext,
}) => {
  test.setTimeout(300_000);
  const call = await startCall(newContext, { host: "Bea Host", guest: "Bo Guest", title: "Blur", recordStats: recordPeerConnections });
  const { host, guest } = call;
  const origins = watchOrigins(guest);
  const video = remoteTile(host, "Bo Guest").locator("video");
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
  const unprocessed = await baseline(video);
  expect(unprocessed).toBeGreaterThan(50);

  // In the call: blur. The host decodes frames with far fewer sharp edges, and they keep coming.
  await guest.getByRole("button", { name: "Effects" }).click();
  await guest.getByRole("radio", { name: "Blur" }).check();
  await expect.poll(async () => (await frameStats(video)).strongEdges, { timeout: 60_000 }).toBeLessThan(unprocessed * 0.3);
  // (Segmentation runs on the CPU here: software WebGL on a shared, heavily loaded 2-core
  // machine gives well under a frame a second, so the check is that frames keep arriving.)
  const decoded = (await inboundMedia(host)).videoFramesDecoded;
  await expect.poll(async () => (await inboundMedia(host)).videoFramesDecoded, { timeout: 90_000 }).toBeGreaterThan(decoded + 3);

  await expect(guest.getByText(effectFailed)).toHaveCount(0);

  const app = new URL(guest.url()).origin;
  const livekit = new URL(process.env.LIVEKIT_URL ?? "ws://localhost").host;
  expect([...origins].filter((o) => o !== app && new URL(o).host !== livekit)).toEqual([]);
});

test("the plain background image replaces the camera's background on the other side, and None brings the camera back", async ({
  newContext,
}) => {
  test.setTimeout(300_000);
  const call = await startCall(newContext, { host: "Ivy Host", guest: "Ian Guest", title: "Image" });
  const { host, guest } = call;
  const video = remoteTile(host, "Ian Guest").locator("video");
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
  // Chromium's fake camera is green: hardly any blue.
  expect((await frameStats(video)).meanBlue).toBeLessThan(40);
  await guest.getByRole("button", { name: "Effects" }).click();
  // The plain image replaces the (green) background: the host sees it.
  await guest.getByRole("radio", { name: "Plain image" }).check();
  await expect.poll(async () => (await frameStats(video)).meanBlue, { timeout: 90_000 }).toBeGreaterThan(80);
  // And "None" brings the camera back as it is.
  await guest.getByRole("radio", { name: "None" }).check();
  await expect.poll(async () => (await frameStats(video)).meanBlue, { timeout: 90_000 }).toBeLessThan(40);

  await expect(guest.getByText(effectFailed)).toHaveCount(0);
});

test("blur chosen on the pre-join screen blurs the preview, and the call starts blurred", async ({ newContext }) => {
  test.setTimeout(300_000);
  const call = await startCall(newContext, { host: "Pia Host", guest: "Pip Guest", title: "Blur first" });
  const { host, guest } = call;
  const video = remoteTile(host, "Pip Guest").locator("video");
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
  const unprocessed = await baseline(video);
  expect(unprocessed).toBeGreaterThan(50);

  // From the pre-join screen: the preview is blurred, and the call starts blurred.
  await guest.reload();
  await guest.getByText("Effects").click();
  await guest.getByRole("radio", { name: "Blur" }).check();
  const preview = guest.getByLabel("Camera preview");
  await expect.poll(async () => (await frameStats(preview)).strongEdges, { timeout: 60_000 }).toBeLessThan(unprocessed * 0.3);
  await joinFromPreJoin(guest, "Pip Guest");
  await expect(video).toBeVisible();
  await expect.poll(async () => (await frameStats(video)).strongEdges, { timeout: 60_000 }).toBeLessThan(unprocessed * 0.3);

  await expect(guest.getByText(effectFailed)).toHaveCount(0);
});

test("a plain call without effects downloads none of their code, wasm or model, and starts no encryption worker", async ({
  newContext,
}) => {
  const requested: string[] = [];
  const workers: string[] = [];
  const call = await startCall(newContext, {
    host: "Ida Host",
    guest: "Ike Guest",
    title: "Plain",
    recordStats: async (context) => {
      context.on("request", (request) => requested.push(new URL(request.url()).pathname));
      context.on("page", (page) => page.on("worker", (worker) => workers.push(worker.url())));
    },
  });
  await expect(remoteTile(call.host, "Ike Guest")).toBeVisible();
  await call.guest.getByRole("button", { name: "Effects" }).click();
  await expect(call.guest.getByRole("radio", { name: "None" })).toBeChecked();
  expect(requested.filter((path) => /mediapipe|\.tflite|\.wasm|backgrounds/.test(path))).toEqual([]);
  // End-to-end encryption is for encrypted meetings only: its worker never started here.
  expect(workers).toEqual([]);
});
