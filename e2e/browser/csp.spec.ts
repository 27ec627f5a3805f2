import type { BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { createMeetingFromDashboard, joinFromPreJoin, signUp } from "./support/accounts";
import { expectReceivingMediaFrom, recordPeerConnections } from "./support/media";

/**
 * The content security policy (docs/decisions/009-security-headers.md) blocks nothing the
 * app itself needs: every page hydrates and a real call connects through LiveKit, with zero
 * `securitypolicyviolation` events and no CSP message in the console.
 */

interface Violation {
  page: string;
  directive: string;
  blocked: string;
  sample: string;
}

async function watchForViolations(context: BrowserContext, seen: string[]) {
  await context.addInitScript(() => {
    const store: Violation[] = [];
    (window as unknown as { __cspViolations: Violation[] }).__cspViolations = store;
    document.addEventListener("securitypolicyviolation", (event) => {
      store.push({ page: location.pathname, directive: event.effectiveDirective, blocked: event.blockedURI, sample: event.sample });
    });
  });
  context.on("console", (message) => {
    if (/content security policy/i.test(message.text())) seen.push(`${message.type()}: ${message.text()}`);
  });
}

async function violations(page: Page): Promise<Violation[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations: Violation[] }).__cspViolations);
}

test("pages hydrate and a call connects under the CSP, without a single violation", async ({ newContext }) => {
  const consoleMessages: string[] = [];
  const hostContext = await newContext();
  const guestContext = await newContext();
  for (const context of [hostContext, guestContext]) {
    await watchForViolations(context, consoleMessages);
    await recordPeerConnections(context);
  }
  const host = await hostContext.newPage();
  const guest = await guestContext.newPage();
  const found: Violation[] = [];

  // Public pages, each checked before leaving it (the listener lives per document).
  for (const path of ["/", "/sign-in", "/check-email", "/a-page-that-does-not-exist"]) {
    const response = await host.goto(path);
    expect(response?.headers()["content-security-policy"], path).toContain("'nonce-");
    await host.waitForLoadState("networkidle");
    found.push(...(await violations(host)));
  }

  // Sign-up only works once React has hydrated the form (scripts ran under the nonce).
  await signUp(host, "Csp Host");
  found.push(...(await violations(host)));
  const inviteUrl = await createMeetingFromDashboard(host, "CSP check");
  found.push(...(await violations(host)));

  await host.goto(inviteUrl);
  await joinFromPreJoin(host);
  await guest.goto(inviteUrl);
  await joinFromPreJoin(guest, "Csp Guest");

  // A real call: LiveKit's WebSocket and media work under connect-src.
  await expectReceivingMediaFrom(host, "Csp Guest");
  await expectReceivingMediaFrom(guest, "Csp Host");
  found.push(...(await violations(host)), ...(await violations(guest)));

  expect(found).toEqual([]);
  expect(consoleMessages).toEqual([]);
});

test("the watcher above does see a violation when something is blocked", async ({ newContext }) => {
  const consoleMessages: string[] = [];
  const context = await newContext();
  await watchForViolations(context, consoleMessages);
  const page = await context.newPage();
  await page.goto("/sign-in");
  // An inline event handler (what an HTML injection would use), and an image from a
  // foreign host: both blocked.
  await page.evaluate(() => {
    const button = document.createElement("button");
    button.setAttribute("onclick", "window.__injected = true");
    document.body.append(button);
    button.click();
    const image = document.createElement("img");
    image.src = "https://images.example.invalid/pixel.png";
    document.body.append(image);
  });
  await expect.poll(async () => (await violations(page)).map((v) => v.directive).sort()).toEqual(["img-src", "script-src-attr"]);
  expect(await page.evaluate(() => "__injected" in window)).toBe(false);
});
