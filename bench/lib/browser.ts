/**
 * Real Chromium (Debian's, with fake camera and microphone) joining a call through the
 * pre-join screen, instrumented from the outside: an init script records when the join
 * request starts and ends, when LiveKit's signalling socket opens and answers, when a
 * peer connection connects and when the first remote video frame is decoded. The app's
 * code is not touched.
 */
import { chromium, type Browser, type Page } from "@playwright/test";
import playwrightConfig from "../../playwright.config";

/** The same Chromium flags as the end-to-end suite (playwright.config.ts explains them). */
function chromiumArgs(): string[] {
  const args = playwrightConfig.projects?.[0]?.use?.launchOptions?.args;
  if (!args) throw new Error("playwright.config.ts no longer defines Chromium launch args");
  return args;
}

/** Playwright cookies for a Cookie header ("a=1; b=2") on `url`. */
export function cookiesFor(header: string, url: string) {
  return header
    .split("; ")
    .filter(Boolean)
    .map((pair) => ({ name: pair.slice(0, pair.indexOf("=")), value: pair.slice(pair.indexOf("=") + 1), url }));
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: chromiumArgs() });
}

export interface JoinMarks {
  /** Camera preview showing a frame, from the start of the navigation to the invite link. */
  previewShowing?: number;
  click: number;
  tokenRequestStart?: number;
  tokenResponse?: number;
  signalSocketOpen?: number;
  signalFirstMessage?: number;
  /** Parley only: the answer to the browser's claim of its rights (POST …/admission). */
  rightsGranted?: number;
  peerConnected?: number;
  remoteTrack?: number;
  firstPacket?: number;
  /** Set when the browser had to ask for a key frame before it could decode anything. */
  keyFrameRequested?: number;
  firstFrame?: number;
}

/** Runs in the page before any of its scripts. Times are performance.now() in the page. */
export function instrument() {
  const marks: Record<string, number> = {};
  const mark = (name: string) => {
    if (!(name in marks)) marks[name] = performance.now();
  };
  const pcs: RTCPeerConnection[] = [];
  const dataPacketsAt: number[] = [];
  Object.assign(window, { __benchMarks: marks, __benchDataPacketsAt: dataPacketsAt });

  // The click on "Join meeting" (capture phase: before React's handler runs).
  document.addEventListener(
    "click",
    (event) => {
      const target = event.target as HTMLElement | null;
      if (target?.closest("button[type=submit]")?.textContent?.includes("Join meeting")) mark("click");
    },
    true,
  );

  const nativeFetch = window.fetch;
  window.fetch = function (input: RequestInfo | URL, init?: RequestInit) {
    const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url, location.href);
    const isJoin = /^\/api\/(invites\/[^/]+\/join|meetings\/[^/]+\/token)$/.test(url.pathname);
    // Parley's claim of its rights (decision 027); the floor's token carries them already.
    const isAdmission = /^\/api\/meetings\/[^/]+\/admission$/.test(url.pathname);
    if (isJoin) mark("tokenRequestStart");
    const response = nativeFetch.call(this, input, init);
    if (isJoin || isAdmission)
      void response.then(
        () => mark(isJoin ? "tokenResponse" : "rightsGranted"),
        () => undefined,
      );
    return response;
  };

  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      // livekit-client 2.x signals on /rtc, newer releases on /rtc/v1.
      if (/\/rtc(\/v\d+)?$/.test(new URL(url, location.href).pathname)) {
        this.addEventListener("open", () => mark("signalSocketOpen"));
        // LiveKit's first server message on the socket is the join response.
        this.addEventListener("message", () => mark("signalFirstMessage"));
      }
    }
  };

  const NativePC = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends NativePC {
    constructor(config?: RTCConfiguration) {
      super(config);
      pcs.push(this);
      // "Media connected" is the connection that carries the remote video (LiveKit's
      // subscriber connection), not the one publishing our own camera.
      let carriesRemoteVideo = false;
      const check = () => {
        if (carriesRemoteVideo && this.connectionState === "connected") mark("peerConnected");
      };
      this.addEventListener("connectionstatechange", check);
      // When each data packet reached the page (epoch ms, one clock with the bench process):
      // livekit-client creates its data channels on this connection.
      const nativeCreateDataChannel = this.createDataChannel.bind(this);
      this.createDataChannel = (label: string, init?: RTCDataChannelInit) => {
        const channel = nativeCreateDataChannel(label, init);
        channel.addEventListener("message", () => dataPacketsAt.push(performance.timeOrigin + performance.now()));
        return channel;
      };
      this.addEventListener("track", (event) => {
        if (event.track.kind !== "video") return;
        mark("remoteTrack");
        carriesRemoteVideo = true;
        check();
      });
    }
  };

  // The local preview shows a picture (a decoded camera frame), before any click.
  const previewPoll = setInterval(() => {
    const preview = document.querySelector<HTMLVideoElement>('video[aria-label="Camera preview"]');
    if (preview && preview.readyState >= 2 && preview.videoWidth > 0) {
      mark("previewShowing");
      clearInterval(previewPoll);
    }
  }, 10);

  // First decoded remote frame: poll inbound video stats every 20 ms once a call started.
  const poll = setInterval(async () => {
    if (!("click" in marks) || pcs.length === 0) return;
    for (const pc of pcs) {
      if (pc.connectionState === "closed") continue;
      const stats = await pc.getStats();
      stats.forEach((report) => {
        if (report.type !== "inbound-rtp" || report.kind !== "video") return;
        if ((report.packetsReceived ?? 0) > 0) mark("firstPacket");
        // The browser asked the sender for a key frame: video started mid-stream, so nothing
        // can be decoded until the publisher's next key frame arrives.
        if ((report.pliCount ?? 0) > 0 && !("firstFrame" in marks)) mark("keyFrameRequested");
        if ((report.framesDecoded ?? 0) > 0) mark("firstFrame");
      });
    }
    if ("firstFrame" in marks) clearInterval(poll);
  }, 20);
}

export interface JoinRun {
  marks: JoinMarks;
  /** Every script the page loaded from its first byte until the first remote frame. */
  scriptUrls: string[];
}

/**
 * Opens the invite link in a fresh browser context (cold cache, like a first visit), waits
 * for the camera preview as a person would, clicks "Join meeting" and waits for the first
 * decoded remote video frame (or, with `until: "in-call"`, only for the call's controls).
 * With `floor`, the page is the floor page (bench/lib/floor-page.ts): no name, no preview;
 * with `camera: false`, the person turns camera and microphone off before joining.
 */
export async function joinInBrowser(
  browser: Browser,
  inviteUrl: string,
  name: string,
  { until = "first-frame" as "first-frame" | "in-call", floor = false, camera = true } = {},
): Promise<JoinRun & { page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ permissions: ["camera", "microphone"], viewport: { width: 1280, height: 800 } });
  // tsx (esbuild) wraps named functions in a `__name` helper that does not exist in the page.
  await context.addInitScript({ content: "globalThis.__name = (fn) => fn;" });
  await context.addInitScript(instrument);
  const page = await context.newPage();
  const scriptUrls: string[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") scriptUrls.push(response.url());
  });
  const close = async () => {
    // Leave like a person (so the SFU frees the seat at once), then drop the context.
    await page
      .getByRole("button", { name: "Leave" })
      .click({ timeout: 2_000 })
      .catch(() => undefined);
    await context.close();
  };
  try {
    await page.goto(inviteUrl);
    if (!floor && !camera) {
      await page.getByLabel("Your name").fill(name);
      await page.getByRole("button", { name: "Camera on" }).click();
      await page.getByRole("button", { name: "Microphone on" }).click();
    } else if (!floor) {
      // As a person would: a name, and a look at the camera preview before joining.
      await page.getByLabel("Your name").fill(name);
      await page.getByLabel("Camera preview").waitFor({ timeout: 20_000 });
      await page.waitForFunction(() => "previewShowing" in ((window as unknown as { __benchMarks: object }).__benchMarks ?? {}), null, {
        timeout: 20_000,
        polling: 20,
      });
    }
    await page.getByRole("button", { name: "Join meeting" }).click();
    if (until === "first-frame") {
      await page.waitForFunction(() => "firstFrame" in ((window as unknown as { __benchMarks: object }).__benchMarks ?? {}), null, {
        timeout: 30_000,
        polling: 50,
      });
    } else {
      await page.getByRole("button", { name: "Leave" }).waitFor({ timeout: 30_000 });
      await page.waitForLoadState("networkidle");
    }
    const marks = await page.evaluate(() => (window as unknown as { __benchMarks: JoinMarks }).__benchMarks);
    return { marks: { ...marks }, scriptUrls: [...scriptUrls], page, close };
  } catch (error) {
    await close();
    throw error;
  }
}
