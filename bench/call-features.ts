/**
 * What issue 13's in-call features cost (`npm run bench -- call-features`; not part of the
 * default run): the JavaScript a call loads with and without background blur and end-to-end
 * encryption, and the join time of an encrypted meeting against a plain one.
 *
 * Join time here is measured like bench/join-time.ts (click on "Join meeting" to the first
 * decoded remote frame) but the remote camera is a browser in each meeting: a Node peer
 * cannot take part in LiveKit's browser E2EE. Plain and encrypted runs alternate, so both
 * see the same load on the machine.
 */
import { randomBytes } from "node:crypto";
import type { Browser } from "@playwright/test";
import { appUrl, signUpHost, type Host } from "./lib/app";
import { joinInBrowser, launchChromium } from "./lib/browser";
import { weighScripts } from "./lib/page-weight";
import { round, summarize } from "./lib/stats";

const RUNS = 10;

/** A meeting made the way the dashboard makes it; for an encrypted one, with a key as the host's browser would make it. */
async function createMeeting(host: Host, title: string, encrypted: boolean): Promise<string> {
  const response = await fetch(new URL("/api/meetings", appUrl), {
    method: "POST",
    headers: { "Content-Type": "application/json", cookie: host.cookie },
    body: JSON.stringify({ title, e2ee: encrypted }),
  });
  if (!response.ok) throw new Error(`create meeting: HTTP ${response.status} ${await response.text()}`);
  const { inviteUrl } = (await response.json()) as { inviteUrl: string };
  return encrypted ? `${inviteUrl}#key=${randomBytes(32).toString("base64url")}` : inviteUrl;
}

/** gzip kB of the scripts, and the other bytes (wasm, model, worker) a page fetched. */
async function weightOf(browser: Browser, link: string, withBlur: boolean) {
  const call = await joinInBrowser(browser, link, "Weight Guest", { until: "in-call" });
  const otherBytes: Record<string, number> = {};
  const scriptUrls = [...call.scriptUrls];
  try {
    if (withBlur) {
      call.page.on("response", async (response) => {
        const url = new URL(response.url());
        if (response.request().resourceType() === "script") scriptUrls.push(response.url());
        else if (/\.(wasm|tflite|mjs|png)$/.test(url.pathname)) otherBytes[url.pathname.split("/").pop()!] = (await response.body()).length;
      });
      await call.page.getByRole("button", { name: "Effects" }).click();
      await call.page.getByRole("radio", { name: "Blur" }).check();
      // The effect runs once MediaPipe's model is loaded: wait until the page fetched it.
      await call.page.waitForResponse((r) => r.url().endsWith(".tflite"), { timeout: 60_000 });
      await call.page.waitForLoadState("networkidle");
    }
    const weight = await weighScripts(scriptUrls);
    return {
      jsGzipKb: weight.gzipKb,
      scripts: weight.scripts.length,
      ...(withBlur && { otherKb: Object.fromEntries(Object.entries(otherBytes).map(([file, bytes]) => [file, round(bytes / 1000)])) }),
    };
  } finally {
    await call.close();
  }
}

export async function benchCallFeatures(log: (line: string) => void) {
  const host = await signUpHost("Features Bench Host");
  const plain = await createMeeting(host, "Plain call", false);
  const encrypted = await createMeeting(host, "Encrypted call", true);
  const browser = await launchChromium();
  try {
    const pageWeight = {
      plain: await weightOf(browser, plain, false),
      withBlur: await weightOf(browser, plain, true),
      encrypted: await weightOf(browser, encrypted, false),
    };
    log(
      `call JS (gzip kB): plain ${pageWeight.plain.jsGzipKb}, with blur ${pageWeight.withBlur.jsGzipKb}, encrypted ${pageWeight.encrypted.jsGzipKb}`,
    );

    // The remote camera of each meeting: a browser that stays in the call.
    const remotes = [await joinInBrowser(browser, plain, "Remote Plain", { until: "in-call" })];
    remotes.push(await joinInBrowser(browser, encrypted, "Remote Encrypted", { until: "in-call" }));
    const times: Record<"plain" | "encrypted", number[]> = { plain: [], encrypted: [] };
    try {
      // One unmeasured run each warms the server and the browser.
      for (const link of [plain, encrypted]) await (await joinInBrowser(browser, link, "Warm Up")).close();
      for (let i = 0; i < RUNS; i++) {
        for (const [mode, link] of [
          ["plain", plain],
          ["encrypted", encrypted],
        ] as const) {
          const run = await joinInBrowser(browser, link, `Guest ${i + 1}`);
          times[mode].push(run.marks.firstFrame! - run.marks.click);
          await run.close();
          log(`${mode} join ${i + 1}/${RUNS}: ${round(times[mode].at(-1)!)} ms`);
        }
      }
    } finally {
      for (const remote of remotes) await remote.close();
    }
    return {
      pageWeight,
      joinTime: {
        runs: RUNS,
        plain: summarize(times.plain),
        encrypted: summarize(times.encrypted),
        note: "click → first remote frame, browser remote",
      },
    };
  } finally {
    await browser.close();
  }
}
