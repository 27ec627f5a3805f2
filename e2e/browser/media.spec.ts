import { expect, test, type BrowserContext, type Page } from "@playwright/test";

/**
 * The stack's spine, end to end: two real Chromium contexts with fake camera and mic join
 * one room through the app's token route and the real LiveKit SFU. Media "works" only when
 * each side decodes the other's frames and receives audio (inbound-rtp stats).
 */

interface InboundMedia {
  videoFramesDecoded: number;
  audioSamplesReceived: number;
}

// Keeps every RTCPeerConnection the page creates, so the test can read real WebRTC stats.
async function recordPeerConnections(context: BrowserContext) {
  await context.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const created: RTCPeerConnection[] = [];
    Object.assign(window, { __peerConnections: created });
    window.RTCPeerConnection = class extends Native {
      constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
        super(...args);
        created.push(this);
      }
    };
  });
}

async function inboundMedia(page: Page): Promise<InboundMedia> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    const totals = { videoFramesDecoded: 0, audioSamplesReceived: 0 };
    for (const pc of pcs) {
      const stats = await pc.getStats();
      stats.forEach((report) => {
        if (report.type !== "inbound-rtp") return;
        if (report.kind === "video") totals.videoFramesDecoded += report.framesDecoded ?? 0;
        if (report.kind === "audio") totals.audioSamplesReceived += report.totalSamplesReceived ?? 0;
      });
    }
    return totals;
  });
}

async function join(page: Page, room: string, name: string) {
  await page.goto(`/dev/rooms/${room}`);
  await page.getByLabel("Your name").fill(name);
  await page.getByRole("button", { name: "Join" }).click();
}

function remoteTile(page: Page, name: string) {
  return page.locator('.lk-participant-tile[data-lk-local-participant="false"]').filter({ hasText: name });
}

async function expectReceivingMediaFrom(page: Page, name: string) {
  const tile = remoteTile(page, name);
  await expect(tile).toBeVisible();
  // The remote video element is playing decoded frames...
  await expect
    .poll(() => tile.locator("video").evaluate((v: HTMLVideoElement) => v.videoWidth), {
      message: `${name}'s video has a decoded size`,
    })
    .toBeGreaterThan(0);
  // ...and the stats confirm frames were decoded and audio samples arrived.
  await expect
    .poll(async () => (await inboundMedia(page)).videoFramesDecoded, { message: "video frames decoded" })
    .toBeGreaterThan(10);
  await expect
    .poll(async () => (await inboundMedia(page)).audioSamplesReceived, { message: "audio samples received" })
    .toBeGreaterThan(0);
}

test("two browsers see and hear each other through the SFU, and a leave is seen", async ({ browser }) => {
  const room = `e2e-${Date.now().toString(36)}`;
  const aliceContext = await browser.newContext();
  const bobContext = await browser.newContext();
  await recordPeerConnections(aliceContext);
  await recordPeerConnections(bobContext);
  const alice = await aliceContext.newPage();
  const bob = await bobContext.newPage();

  await join(alice, room, "Alice");
  await join(bob, room, "Bob");

  await expectReceivingMediaFrom(alice, "Bob");
  await expectReceivingMediaFrom(bob, "Alice");

  // Bob leaves: he sees that he left, and Alice's grid no longer shows him.
  await bob.getByRole("button", { name: /leave/i }).click();
  await expect(bob.getByRole("heading", { name: "You left the room" })).toBeVisible();
  await expect(remoteTile(alice, "Bob")).toHaveCount(0);
  // Alice is still in the call with her own camera on.
  await expect(alice.locator('.lk-participant-tile[data-lk-local-participant="true"]')).toBeVisible();

  await aliceContext.close();
  await bobContext.close();
});
