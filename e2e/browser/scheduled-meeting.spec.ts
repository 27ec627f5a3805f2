import type { Page } from "@playwright/test";
import { DateTime } from "luxon";
import { readCalendar } from "../support/icalendar";
import { startSmtpServer, type TestSmtpServer } from "./support/identity-servers";
import { joinFromPreJoin, signUp } from "./support/accounts";
import { expectAccessible } from "./support/axe";
import { expectNoSidewaysScroll } from "./support/layout";
import { expect, test, type NewContext } from "./support/test";

/**
 * A meeting people plan and come back to, in Chromium: scheduled in the host's zone,
 * invited by email (a real SMTP server), joined from the link in the received mail, chatted
 * in, joined late (the late joiner sees what was said), ended, and summed up.
 */

let mail: TestSmtpServer;

test.beforeAll(async () => {
  mail = await startSmtpServer();
});
test.afterAll(async () => {
  await mail?.close();
});

async function openChat(page: Page) {
  const input = page.getByRole("textbox", { name: "Message" });
  if (!(await input.isVisible())) await page.getByRole("button", { name: "Chat" }).click();
  return input;
}

async function sendChat(page: Page, text: string) {
  const input = await openChat(page);
  await input.fill(text);
  await page.getByRole("complementary", { name: "Chat" }).getByRole("button", { name: "Send" }).click();
}

function chatMessages(page: Page) {
  return page.getByRole("list", { name: "Chat messages" });
}

/** The link in the body of the last mail to `address`. */
async function linkFromMail(address: string): Promise<string> {
  await expect.poll(() => mail.mailsTo(address).length).toBeGreaterThan(0);
  const text = mail.mailsTo(address).at(-1)!.text ?? "";
  const link = /https?:\/\/\S+\/j\/[A-Za-z0-9_-]{43}/.exec(text)?.[0];
  expect(link, `an invite link in the mail to ${address}`).toBeTruthy();
  return link!;
}

/** Signs up in Berlin and schedules a meeting from the dashboard, `minutes` from now. */
async function scheduleMeeting(newContext: NewContext, host: string, title: string, minutes: number) {
  const context = await newContext({ timezoneId: "Europe/Berlin", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signUp(page, host);
  await page.getByLabel("Title (optional)").fill(title);
  await page.getByLabel("Schedule for later").check();
  const startsAt = DateTime.now().setZone("Europe/Berlin").plus({ minutes }).toFormat("yyyy-LL-dd'T'HH:mm");
  await page.getByLabel("Starts").fill(startsAt);
  await expect(page.getByLabel("Time zone")).toHaveValue("Europe/Berlin");
  await page.getByLabel("Duration (minutes)").fill("45");
  await page.getByLabel("Description (optional)").fill("Numbers first, then questions.");
  await page.getByRole("button", { name: "Create meeting" }).click();
  await expect(page.getByRole("textbox", { name: "Invite link" })).toHaveValue(/\/j\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole("region", { name: "Upcoming" }).getByRole("link", { name: title, exact: true })).toBeVisible();
  return { page };
}

async function inviteByEmail(page: Page, addresses: string[]) {
  await page.getByLabel("Email addresses").fill(addresses.join(", "));
  await page.getByRole("button", { name: "Send invitations" }).click();
}

test("schedule, invite by email, join from the mail, chat, join late and see the chat, end, and read the summary", async ({
  newContext,
  saveScreenshot,
}) => {
  // Three browsers in one call and six accessibility scans: more than the default budget on a
  // shared 2-core machine (a time budget, not a speed assertion).
  test.slow();
  const suffix = Date.now().toString(36);
  const [gusAddress, lenaAddress] = [`gus-${suffix}@example.test`, `lena-${suffix}@example.test`];
  const { page: host } = await scheduleMeeting(newContext, "Hana Host", "Board review", 10);
  await expectAccessible(host, "the dashboard with a scheduled meeting");
  await saveScreenshot(host, "dashboard-scheduled");

  // The meeting page: when, in the host's zone; the calendar file; invite two addresses.
  await host.getByRole("region", { name: "Upcoming" }).getByRole("link", { name: "Board review", exact: true }).click();
  await expect(host.getByRole("heading", { name: "Board review" })).toBeVisible();
  await expect(host.getByText(/\(Europe\/Berlin\)$/)).toBeVisible();
  await inviteByEmail(host, [gusAddress, lenaAddress]);
  await expect(host.getByRole("status").filter({ hasText: "2 sent, 0 failed." })).toBeVisible();
  const invited = host.getByRole("list", { name: "Invited by email" });
  await expect(invited.getByRole("listitem").filter({ hasText: gusAddress })).toContainText("sent");
  await expect(invited.getByRole("listitem").filter({ hasText: lenaAddress })).toContainText("sent");
  const request = readCalendar(mail.calendarOf(mail.mailsTo(gusAddress)[0]!));
  expect(request).toMatchObject({ method: "REQUEST", sequence: 0, startTzid: "Europe/Berlin", attendees: [gusAddress] });
  await expectAccessible(host, "the scheduled meeting's page");
  await saveScreenshot(host, "meeting-scheduled", { fullPage: true });

  // Gus, in New York, opens the link from his mail: the time in his zone, and how soon.
  const gusContext = await newContext({ timezoneId: "America/New_York" });
  const gus = await gusContext.newPage();
  await gus.goto(await linkFromMail(gusAddress));
  await expect(gus.getByRole("heading", { name: "Board review" })).toBeVisible();
  await expect(gus.getByText(/Starts in \d+ minutes \(.*\bEST\)\. You can join early\./)).toBeVisible();
  await expectAccessible(gus, "the pre-join screen of a scheduled meeting");

  // The host starts it, Gus joins early, and they chat.
  await host.getByRole("link", { name: "Start meeting" }).click();
  await joinFromPreJoin(host);
  await joinFromPreJoin(gus, "Gus Guest");
  await sendChat(gus, "Hello from Gus");
  await openChat(host);
  await expect(chatMessages(host)).toContainText("Hello from Gus");
  await sendChat(host, "Welcome, Gus!");
  await expect(chatMessages(gus)).toContainText("Welcome, Gus!");

  // Lena joins late (from her own mail) and sees what was said before.
  const lenaContext = await newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const lena = await lenaContext.newPage();
  await lena.goto(await linkFromMail(lenaAddress));
  await joinFromPreJoin(lena, "Lena Late");
  await openChat(lena);
  await expect(chatMessages(lena).getByRole("listitem")).toHaveText([/Gus Guest.*Hello from Gus/, /Hana Host \(host\).*Welcome, Gus!/]);
  // The chat panel only: with three people on a phone LiveKit's grid adds page buttons
  // without names, which is the call layout's business, not the chat's (see the README).
  await expectAccessible(lena, "the chat on a phone", 'aside[aria-label="Chat"]');
  await sendChat(lena, "Sorry I'm late");
  await expect(chatMessages(gus)).toContainText("Sorry I'm late");

  // The host ends it; the others are offered a next step.
  await host.getByRole("button", { name: "End meeting for all" }).click();
  await host.getByRole("button", { name: "End for all" }).click();
  await expect(gus.getByRole("heading", { name: "The host ended the meeting" })).toBeVisible();
  await expect(gus.getByRole("link", { name: "Go to the home page" })).toBeVisible();

  // The summary: when and how long, who attended and for how long, the chat.
  await expect(host).toHaveURL(/\/meetings\/c[a-z0-9]+$/);
  await host.goto("/meetings");
  await host
    .getByRole("region", { name: "Past" })
    .getByRole("listitem")
    .filter({ hasText: "Board review" })
    .getByRole("link", { name: "Summary" })
    .click();
  await expect(host).toHaveURL(/\/meetings\/c[a-z0-9]+#summary$/);
  const summary = host.getByRole("table", { name: "Summary" });
  // Attendance comes from LiveKit's webhooks; the last "left" arrives just after the end.
  await expect(async () => {
    await host.reload();
    await expect(summary.getByRole("row")).toHaveCount(4, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  for (const name of ["Hana Host", "Gus Guest", "Lena Late"]) {
    await expect(summary.getByRole("row").filter({ hasText: name })).toContainText(/\d+ (s|min)/);
  }
  await expect(host.getByText(/^Ran from .* to .* · \d+ (s|min)$/)).toBeVisible();
  await expect(host.getByRole("list", { name: "Chat transcript" }).getByRole("listitem")).toHaveText([
    /Gus Guest: Hello from Gus/,
    /Hana Host: Welcome, Gus!/,
    /Lena Late: Sorry I'm late/,
  ]);
  const download = host.waitForEvent("download");
  await host.getByRole("link", { name: "Download the chat transcript" }).click();
  const transcript = await (await download).path();
  expect(transcript).toBeTruthy();
  await expectAccessible(host, "the meeting summary");
  await saveScreenshot(host.locator("#summary"), "summary");
});

test("rescheduling mails an update (same UID, higher SEQUENCE) and cancelling mails a CANCEL; the link then says cancelled", async ({
  newContext,
}) => {
  const address = `ines-${Date.now().toString(36)}@example.test`;
  const { page: host } = await scheduleMeeting(newContext, "Rita Resched", "Moving target", 24 * 60);
  await host.getByRole("region", { name: "Upcoming" }).getByRole("link", { name: "Moving target", exact: true }).click();
  await inviteByEmail(host, [address, "not-an-address"]);
  await expect(host.getByRole("status").filter({ hasText: "1 sent, 1 failed." })).toBeVisible();
  await expect(host.getByRole("list", { name: "Invited by email" })).toContainText(
    "not-an-address: failed: This is not a valid email address.",
  );
  const original = readCalendar(mail.calendarOf(mail.mailsTo(address)[0]!));
  const link = await linkFromMail(address);

  await host.getByRole("button", { name: "Change the time" }).click();
  await host.getByLabel("Starts").fill(DateTime.now().setZone("Europe/Berlin").plus({ days: 2 }).toFormat("yyyy-LL-dd'T'10:00"));
  await host.getByRole("button", { name: "Save and notify invitees" }).click();
  await expect.poll(() => mail.mailsTo(address).length).toBe(2);
  const update = readCalendar(mail.calendarOf(mail.mailsTo(address)[1]!));
  expect(update).toMatchObject({ method: "REQUEST", uid: original.uid, sequence: 1 });
  expect(update.start.getTime()).toBeGreaterThan(original.start.getTime());
  await expect(host.getByRole("list", { name: "Invited by email" })).toContainText(`${address}: update sent`);

  await host.getByRole("button", { name: "Cancel meeting" }).click();
  await host.getByRole("button", { name: "Yes, cancel the meeting" }).click();
  await expect(host.getByText(/This meeting was cancelled/)).toBeVisible();
  await expect.poll(() => mail.mailsTo(address).length).toBe(3);
  expect(readCalendar(mail.calendarOf(mail.mailsTo(address)[2]!))).toMatchObject({ method: "CANCEL", uid: original.uid, sequence: 2 });

  // The invitee's link now says so, with a way on.
  const guestContext = await newContext();
  const guest = await guestContext.newPage();
  await guest.goto(link);
  await expect(guest.getByRole("heading", { name: "This meeting was cancelled" })).toBeVisible();
  await expect(guest.getByRole("link", { name: "Go to the Parley home page" })).toBeVisible();
  await expectAccessible(guest, "a cancelled meeting's link");
});

test("the front door: sign in, create an account, or join by pasting a link; signed in, it is your meetings", async ({
  newContext,
  saveScreenshot,
}) => {
  const context = await newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Create an account" })).toBeVisible();
  await expectAccessible(page, "the home page");
  await expectNoSidewaysScroll(page);
  await saveScreenshot(page, "home");

  // Something that is not a link: explained, with the text kept to fix.
  await page.getByLabel("Invite link").fill("see you at 10");
  await page.getByRole("button", { name: "Join" }).click();
  await expect(page).toHaveURL(/\/join\?link=/);
  await expect(page.getByRole("alert").filter({ hasText: /does not look like a Parley invite link/ })).toBeVisible();
  await expect(page.getByLabel("Invite link")).toHaveValue("see you at 10");
  await expectAccessible(page, "the join page with an error");

  // A well-formed link that leads nowhere ends on a page with a way on.
  await page.getByLabel("Invite link").fill(`https://elsewhere.example/j/${"Z".repeat(43)}`);
  await page.getByRole("button", { name: "Join" }).click();
  await expect(page.getByRole("heading", { name: "This invite link is not valid" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Paste the link again" })).toBeVisible();

  // Signed in, the home page is your meetings.
  await signUp(page, "Fran Front");
  await page.goto("/");
  await expect(page).toHaveURL(/\/meetings$/);
});
