import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { joinFromPreJoin, signUp } from "./support/accounts";
import { expectReceivingMediaFrom, expectVideoPlaying, inboundMedia, recordPeerConnections, remoteTile } from "./support/media";

/**
 * Opens the chat unless it is open, and waits until it shows: "Chat" toggles, so a check made
 * before an earlier click's panel has appeared would click again and close it.
 */
async function openChat(page: Page) {
  const input = page.locator(".lk-chat-form-input");
  if (!(await input.isVisible())) await page.getByRole("button", { name: "Chat" }).click();
  await expect(input).toBeVisible();
}

async function sendChat(page: Page, text: string) {
  await openChat(page);
  await page.locator(".lk-chat-form-input").fill(text);
  await page.locator(".lk-chat-form").getByRole("button", { name: "Send" }).click();
}

async function expectChatMessage(page: Page, text: string) {
  await openChat(page);
  await expect(page.locator(".lk-chat-messages")).toContainText(text);
}

test("the whole journey: sign up, create, share, join, see, chat, share a screen, end for all", async ({ newContext, saveScreenshot }) => {
  const hostContext = await newContext({
    viewport: { width: 1280, height: 800 },
    permissions: ["camera", "microphone", "clipboard-read", "clipboard-write"],
  });
  const guestContext = await newContext({ viewport: { width: 1280, height: 800 } });
  await recordPeerConnections(hostContext);
  await recordPeerConnections(guestContext);
  const host = await hostContext.newPage();
  const guest = await guestContext.newPage();

  // The host signs up and creates a meeting; the link is shown at once and copies.
  await signUp(host, "Hana Host");
  await host.getByLabel("Title (optional)").fill("Quarterly planning");
  await host.getByRole("button", { name: "Create meeting" }).click();
  const linkField = host.getByRole("textbox", { name: "Invite link" });
  await expect(linkField).toHaveValue(/\/j\/[A-Za-z0-9_-]{43}$/);
  const inviteUrl = await linkField.inputValue();
  await host.getByRole("button", { name: "Copy link" }).click();
  await expect(host.getByRole("button", { name: "Copied!" })).toBeVisible();
  expect(await host.evaluate(() => navigator.clipboard.readText())).toBe(inviteUrl);
  // The dashboard lists it under "Upcoming".
  await expect(host.getByRole("region", { name: "Upcoming" }).getByRole("link", { name: "Quarterly planning" })).toBeVisible();
  await saveScreenshot(host, "dashboard");

  // The host starts the meeting from its page.
  await host.getByRole("link", { name: "Open meeting" }).click();
  await host.getByRole("link", { name: "Start meeting" }).click();
  await joinFromPreJoin(host);

  // The guest opens the shared link: title and host, then the pre-join screen.
  await guest.goto(inviteUrl);
  await expect(guest.getByRole("heading", { name: "Quarterly planning" })).toBeVisible();
  await expect(guest.getByText("Hosted by Hana Host")).toBeVisible();
  await expectVideoPlaying(guest.getByLabel("Camera preview"), "the camera preview");
  // A guest must give a name.
  await guest.getByRole("button", { name: "Join meeting" }).click();
  await expect(guest.getByText("Please enter your name so others know who you are.")).toBeVisible();
  await guest.getByLabel("Your name").fill("Gus Guest");
  await saveScreenshot(guest, "pre-join");
  const clickedJoinAt = Date.now();
  await guest.getByRole("button", { name: "Join meeting" }).click();
  await expect.poll(async () => (await inboundMedia(guest)).videoFramesDecoded, { timeout: 20_000 }).toBeGreaterThan(0);
  const joinToFirstFrame = Date.now() - clickedJoinAt;
  test.info().annotations.push({ type: "join-to-first-remote-frame-ms", description: String(joinToFirstFrame) });
  console.log(`join → first remote frame (guest): ${joinToFirstFrame} ms`);

  // Each sees the other's video (decoded frames) and name, and receives audio.
  await expectReceivingMediaFrom(guest, "Hana Host");
  await expectReceivingMediaFrom(host, "Gus Guest");

  // Chat goes both ways.
  await sendChat(guest, "Hello from Gus");
  await expectChatMessage(host, "Hello from Gus");
  await sendChat(host, "Welcome, Gus!");
  await expectChatMessage(guest, "Welcome, Gus!");

  // The guest shares their screen; it reaches the host as decoded video.
  await guest.getByRole("button", { name: "Share screen" }).click();
  const screenTile = remoteTile(host, "Gus Guest", "screen_share");
  await expect(screenTile).toBeVisible();
  await expectVideoPlaying(screenTile.locator("video"), "Gus's screen share");
  await saveScreenshot(host, "in-call");

  // The host ends the meeting for everyone, after confirming.
  await host.getByRole("button", { name: "End meeting for all" }).click();
  await expect(host.getByRole("dialog", { name: "End the meeting for everyone?" })).toBeVisible();
  await host.getByRole("button", { name: "End for all" }).click();
  await expect(guest.getByRole("heading", { name: "The host ended the meeting" })).toBeVisible();
  await expect(host).toHaveURL(/\/meetings\/c[a-z0-9]+$/);
  await expect(host.getByText("This meeting has ended.")).toBeVisible();

  // The link now shows the ended page, and the token route answers 410.
  await guest.goto(inviteUrl);
  await expect(guest.getByRole("heading", { name: "This meeting has ended" })).toBeVisible();
  const token = new URL(inviteUrl).pathname.split("/").pop();
  const response = await guest.request.post(`/api/invites/${token}/join`, { data: { name: "Gus Guest" } });
  expect(response.status()).toBe(410);
});
