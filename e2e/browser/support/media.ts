import { expect, type BrowserContext, type Page } from "@playwright/test";

/**
 * Proof that media flows is a decoded frame, not a DOM element: these helpers read
 * RTCPeerConnection stats (framesDecoded, totalSamplesReceived) in the page.
 */

export interface InboundMedia {
  videoFramesDecoded: number;
  audioSamplesReceived: number;
}

/** Keeps every RTCPeerConnection a page creates, so tests can read real WebRTC stats. */
export async function recordPeerConnections(context: BrowserContext) {
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

export async function inboundMedia(page: Page): Promise<InboundMedia> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __peerConnections?: RTCPeerConnection[] }).__peerConnections ?? [];
    const totals = { videoFramesDecoded: 0, audioSamplesReceived: 0 };
    for (const pc of pcs) {
      if (pc.connectionState === "closed") continue;
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

export function remoteTile(page: Page, name: string, source: "camera" | "screen_share" = "camera") {
  return page.locator(`.lk-participant-tile[data-lk-local-participant="false"][data-lk-source="${source}"]`).filter({ hasText: name });
}

/** Waits until `page` shows `name`'s video decoding frames and receives audio samples. */
export async function expectReceivingMediaFrom(page: Page, name: string) {
  const tile = remoteTile(page, name);
  await expect(tile).toBeVisible();
  await expectVideoPlaying(tile.locator("video"), `${name}'s camera`);
  await expect.poll(async () => (await inboundMedia(page)).videoFramesDecoded, { message: "video frames decoded" }).toBeGreaterThan(10);
  await expect.poll(async () => (await inboundMedia(page)).audioSamplesReceived, { message: "audio samples received" }).toBeGreaterThan(0);
}

/** A <video> has a decoded size and its playback position advances. */
export async function expectVideoPlaying(video: ReturnType<Page["locator"]>, what: string) {
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth), { message: `${what} has a decoded size` })
    .toBeGreaterThan(0);
  const start = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { message: `${what} is playing` }).toBeGreaterThan(start);
}
