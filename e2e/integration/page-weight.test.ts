/**
 * Page-weight budgets (issue #5), checked against the production build the test stack
 * serves: first-load JavaScript (gzip) per page, and no LiveKit client code before the
 * call. The measurement is shared with `npm run bench` (bench/lib/page-weight.ts). Size is
 * deterministic, so unlike timings it can fail the build.
 */
import type { Browser } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { joinInBrowser, launchChromium } from "../../bench/lib/browser";
import { APP_ALLOWANCE_KB, CALL_CEILING_KB, measurePage, weighScripts } from "../../bench/lib/page-weight";
import { inviteTokenOf } from "./support/client";
import { signUpAndSignIn } from "./support/session";
import { appUrl, postJson } from "./support/stack";

let host: Awaited<ReturnType<typeof signUpAndSignIn>>;
let meeting: { id: string; inviteUrl: string; token: string };
/** The framework's own weight: "/" ships no client component of ours. */
let floorKb: number;

beforeAll(async () => {
  floorKb = (await measurePage(appUrl, "/")).gzipKb;
  host = await signUpAndSignIn({ name: "Wendy Weight" });
  const response = await postJson("/api/meetings", { title: "Page weight" }, { headers: { cookie: host.cookie } });
  expect(response.status).toBe(201);
  const created = await response.json();
  meeting = { ...created, token: inviteTokenOf(created.inviteUrl) };
});

describe("page weight", () => {
  const pages: [name: string, path: () => string, signedIn: boolean][] = [
    ["sign-in", () => "/sign-in", false],
    ["sign-up", () => "/sign-up", false],
    ["join a meeting", () => "/join", false],
    ["dashboard", () => "/meetings", true],
    ["meeting page", () => `/meetings/${meeting.id}`, true],
    ["invite (pre-join)", () => `/j/${meeting.token}`, false],
    ["host entry (pre-join)", () => `/m/${meeting.id}`, true],
  ];

  it("measures a real framework floor", () => {
    expect(floorKb).toBeGreaterThan(50);
  });

  it.each(pages)(
    `the %s page adds at most ${APP_ALLOWANCE_KB} kB of JavaScript to the framework, none of it LiveKit's`,
    async (_, path, signedIn) => {
      const weight = await measurePage(appUrl, path(), signedIn ? host.cookie : undefined);
      expect(weight.scripts.length, "the page references its scripts").toBeGreaterThan(0);
      expect(
        weight.scripts.filter((s) => s.livekit).map((s) => s.url),
        "chunks with LiveKit client code",
      ).toEqual([]);
      expect(weight.gzipKb - floorKb).toBeLessThanOrEqual(APP_ALLOWANCE_KB);
    },
  );

  describe("in the call", () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it(`a guest in the call has loaded under ${CALL_CEILING_KB} kB of JavaScript, LiveKit's included`, async () => {
      const call = await joinInBrowser(browser, meeting.inviteUrl, "Gus Guest", { until: "in-call" });
      try {
        const weight = await weighScripts(call.scriptUrls);
        expect(weight.loadsLiveKit, "the call loads the LiveKit client").toBe(true);
        expect(weight.gzipKb).toBeLessThan(CALL_CEILING_KB);
      } finally {
        await call.close();
      }
    });
  });
});
