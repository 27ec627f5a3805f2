import type { BrowserContext, BrowserContextOptions, Page } from "@playwright/test";
import { expect, type NewContext } from "./test";

export const TEST_PASSWORD = "correct horse battery staple";

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.test`;
}

/** Signs up through the real sign-up page and waits for the dashboard. */
export async function signUp(page: Page, name: string, email = uniqueEmail(name.split(" ")[0]!.toLowerCase())) {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/meetings$/);
  return email;
}

/** Creates a meeting from the dashboard and returns its invite link. */
export async function createMeetingFromDashboard(page: Page, title: string): Promise<string> {
  await page.getByLabel("Title (optional)").fill(title);
  await page.getByRole("button", { name: "Create meeting" }).click();
  const link = page.getByRole("textbox", { name: "Invite link" });
  await expect(link).toHaveValue(/\/j\/[A-Za-z0-9_-]{43}$/);
  return link.inputValue();
}

/** From the pre-join screen: optionally type a name, then join. */
export async function joinFromPreJoin(page: Page, name?: string) {
  const nameInput = page.getByLabel("Your name");
  await expect(nameInput).toBeVisible();
  if (name !== undefined) await nameInput.fill(name);
  await page.getByRole("button", { name: "Join meeting" }).click();
}

/**
 * A host (signed up, meeting created, joined through the link) and a guest (joined through
 * the same link) in one call, each in its own browser context (closed by the fixture when
 * the test ends); WebRTC stats are recorded when `recordStats` is given.
 */
export async function startCall(
  newContext: NewContext,
  options: {
    host: string;
    guest: string;
    title: string;
    guestViewport?: BrowserContextOptions;
    recordStats?: (context: BrowserContext) => Promise<void>;
  },
) {
  const hostContext = await newContext();
  const guestContext = await newContext(options.guestViewport);
  if (options.recordStats) {
    await options.recordStats(hostContext);
    await options.recordStats(guestContext);
  }
  const host = await hostContext.newPage();
  const guest = await guestContext.newPage();
  await signUp(host, options.host);
  const inviteUrl = await createMeetingFromDashboard(host, options.title);
  await host.goto(inviteUrl);
  await joinFromPreJoin(host);
  await guest.goto(inviteUrl);
  await joinFromPreJoin(guest, options.guest);
  return { host, guest, inviteUrl };
}
