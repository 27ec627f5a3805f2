/**
 * 4. End for all, as people see it: the host and guests in Chromium, each in a page of its
 * own (separate browser contexts, livekit-client), in one meeting. The host clicks "End for
 * all"; measured from that click (capture phase, before React runs) to each guest's page
 * showing "The host ended the meeting", on one clock (performance.timeOrigin + now(), epoch
 * milliseconds, the same in every page and in this process). Beside it, the server's view,
 * in the same runs: when the end route answered the host's page, and when the SFU had
 * nobody left in the room (LiveKit's server API polled from this process).
 * The host publishes its camera; guests join with camera and microphone off, so that six
 * pages decoding each other do not turn the two cores into the thing measured.
 * The host ends a meeting in progress: every guest's page has shown the host's video before
 * the click. Clicked while the last guest's page was still starting its call, the figure
 * measured that page's join on two shared cores (its end notice reached its main thread up
 * to 500 ms late, while the others had it within 100 ms).
 */
import type { Page } from "@playwright/test";
import { RoomServiceClient } from "livekit-server-sdk";
import { appUrl, createMeeting, signUpHost } from "./lib/app";
import { cookiesFor, joinInBrowser, launchChromium } from "./lib/browser";
import { round, summarize } from "./lib/stats";

const PARTICIPANTS = Number(process.env.BENCH_END_PARTICIPANTS ?? 6);
const RUNS = Number(process.env.BENCH_END_RUNS ?? 10);
const WAIT_MS = 10_000;

const epochNow = () => performance.timeOrigin + performance.now();

/** Resolves with the epoch time LiveKit reports nobody in the room (or the room gone), or NaN. */
async function sfuEmptyAt(rooms: RoomServiceClient, room: string, deadline: number): Promise<number> {
  while (epochNow() < deadline) {
    const inRoom = await rooms.listParticipants(room).catch(() => []);
    if (inRoom.length === 0) return epochNow();
  }
  return Number.NaN;
}

/** In a guest's page: resolves with the epoch time "The host ended the meeting" appeared. */
/** In-page state the two phases below share: armed before the click, read after it. */
type Armed = Window & { parleyEndSeenAt?: Promise<number>; parleyEndClicked?: Promise<{ click: number; answered: number }> };

/**
 * Arms a watch in a guest's page for "The host ended the meeting" and resolves once it is in
 * place; the returned function then resolves with when the page showed it (NaN: not within WAIT_MS).
 */
async function armEndWatch(page: Page): Promise<() => Promise<number>> {
  await page.evaluate((timeoutMs) => {
    (window as Armed).parleyEndSeenAt = new Promise<number>((resolve) => {
      const seen = () => document.querySelector("h1")?.textContent?.includes("The host ended the meeting");
      const observer = new MutationObserver(() => {
        if (!seen()) return;
        observer.disconnect();
        resolve(performance.timeOrigin + performance.now());
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      setTimeout(() => resolve(Number.NaN), timeoutMs);
    });
  }, WAIT_MS);
  return () => page.evaluate(() => (window as Armed).parleyEndSeenAt!);
}

/**
 * Arms, in the host's page, the clock of the "End for all" click and of the end route's answer;
 * resolves once armed, and the returned function then resolves with both times.
 */
async function armHostClock(page: Page): Promise<() => Promise<{ click: number; answered: number }>> {
  await page.evaluate(() => {
    (window as Armed).parleyEndClicked = new Promise((resolve) => {
      let click = 0;
      document.addEventListener(
        "click",
        (event) => {
          if ((event.target as HTMLElement).closest("button")?.textContent?.trim() === "End for all") {
            click = performance.timeOrigin + performance.now();
          }
        },
        true,
      );
      const nativeFetch = window.fetch;
      window.fetch = async (...args) => {
        const response = await nativeFetch(...args);
        if (String(args[0]).endsWith("/end")) resolve({ click, answered: performance.timeOrigin + performance.now() });
        return response;
      };
    });
  });
  return () => page.evaluate(() => (window as Armed).parleyEndClicked!);
}

export async function benchEndForAll(log: (line: string) => void) {
  const host = await signUpHost("End Bench Host");
  const rooms = new RoomServiceClient(process.env.LIVEKIT_API_URL!, process.env.LIVEKIT_API_KEY, process.env.LIVEKIT_API_SECRET);
  const browser = await launchChromium();
  const lastPage: number[] = [];
  const everyPage: number[] = [];
  const sfuEmpty: number[] = [];
  const routeAnswered: number[] = [];
  const packetReached: number[] = [];
  let missed = 0;
  try {
    for (let run = 0; run < RUNS; run++) {
      const meeting = await createMeeting(host, `End for all ${run + 1}`);
      const hostContext = await browser.newContext({ permissions: ["camera", "microphone"] });
      await hostContext.addCookies(cookiesFor(host.cookie, appUrl));
      const hostPage = await hostContext.newPage();
      const guests = [];
      try {
        // The room's name, from the host's own join answer (its token's `video.room` claim).
        const hostGrant = hostPage.waitForResponse((r) => r.url().endsWith(`/api/meetings/${meeting.id}/token`));
        await hostPage.goto(`${appUrl}/m/${meeting.id}`);
        await hostPage.getByLabel("Camera preview").waitFor({ timeout: 20_000 });
        await hostPage.getByRole("button", { name: "Join meeting" }).click();
        await hostPage.getByRole("button", { name: "End meeting for all" }).waitFor({ timeout: 30_000 });
        for (let i = 1; i < PARTICIPANTS; i++) {
          guests.push(await joinInBrowser(browser, meeting.inviteUrl, `Guest ${i}`, { until: "in-call", camera: false }));
        }
        const { token } = (await (await hostGrant).json()) as { token: string };
        const roomName: string = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8")).video.room;
        // A meeting in progress: every guest sees the host's video (its first decoded frame).
        await Promise.all(
          guests.map((g) =>
            g.page.waitForFunction(() => "firstFrame" in (window as unknown as { __benchMarks: object }).__benchMarks, null, {
              timeout: 20_000,
              polling: 50,
            }),
          ),
        );
        const ends = await Promise.all(guests.map((g) => armEndWatch(g.page)));

        // The host's two clicks: open the confirmation, then "End for all" (the measured one).
        await hostPage.getByRole("button", { name: "End meeting for all" }).click();
        const clicked = await armHostClock(hostPage);
        const emptied = sfuEmptyAt(rooms, roomName, epochNow() + WAIT_MS);
        await hostPage.getByRole("button", { name: "End for all", exact: true }).click();
        const { click, answered } = await clicked();
        const seenAt = await Promise.all(ends.map((seen) => seen()));
        const late = seenAt.filter((t) => Number.isNaN(t)).length;
        missed += late;
        const shown = seenAt.map((t) => (Number.isNaN(t) ? WAIT_MS : t - click));
        // When the end notice (the first data packet after the click) reached each page's script:
        // the server's share, plus the wait for the page's main thread.
        const reached = await Promise.all(
          guests.map((g) =>
            g.page.evaluate(
              (after) => (window as unknown as { __benchDataPacketsAt: number[] }).__benchDataPacketsAt.find((t) => t > after),
              click,
            ),
          ),
        );
        packetReached.push(...reached.filter((t): t is number => t !== undefined).map((t) => t - click));
        everyPage.push(...shown);
        lastPage.push(Math.max(...shown));
        sfuEmpty.push((await emptied) - click);
        routeAnswered.push(answered - click);
        log(
          `end for all ${run + 1}/${RUNS}: every page showed it after ${round(Math.max(...shown))} ms` +
            `${late ? ` (${late} never did)` : ""}; SFU empty after ${round(sfuEmpty.at(-1)!)} ms; route answered after ${round(answered - click)} ms`,
        );
      } finally {
        await Promise.all(guests.map((g) => g.close()));
        await hostContext.close();
      }
    }
  } finally {
    await browser.close();
  }
  return {
    participants: PARTICIPANTS,
    runs: RUNS,
    lastPageShowsEndMs: summarize(lastPage),
    eachPageShowsEndMs: summarize(everyPage),
    noticeReachedEachPageMs: summarize(packetReached),
    pagesThatNeverShowedIt: missed,
    sfuEmptyMs: summarize(sfuEmpty),
    endRouteAnsweredMs: summarize(routeAnswered),
    target: { p95Ms: 500 },
  };
}
