import { expect, test } from "./support/test";
import { createMeetingFromDashboard, joinFromPreJoin, signUp, startCall } from "./support/accounts";
import { expectAccessible } from "./support/axe";
import { expectCallControlsUsable, expectNoSidewaysScroll } from "./support/layout";
import { remoteTile } from "./support/media";

test("every page has no serious or critical accessibility violations", async ({ newContext }) => {
  const hostContext = await newContext();
  const guestContext = await newContext();
  const host = await hostContext.newPage();
  const guest = await guestContext.newPage();

  await guest.goto("/");
  await expectAccessible(guest, "the home page");
  await guest.goto("/sign-in");
  await expectAccessible(guest, "sign-in");
  await guest.goto("/sign-up");
  await expectAccessible(guest, "sign-up");
  await guest.goto("/check-email");
  await expectAccessible(guest, "check your email");
  await guest.goto(`/j/${"x".repeat(43)}`);
  await expect(guest.getByRole("heading", { name: "This invite link is not valid" })).toBeVisible();
  await expectAccessible(guest, "an invalid invite link");

  await signUp(host, "Ada Host");
  const inviteUrl = await createMeetingFromDashboard(host, "Accessible meeting");
  // Analyse once the dashboard's refresh has landed (the new meeting is listed): mid-refresh
  // the document is between two renders.
  await expect(host.getByRole("region", { name: "Upcoming" }).getByRole("link", { name: "Accessible meeting" })).toBeVisible();
  await expectAccessible(host, "the dashboard with a new meeting");
  await host.getByRole("link", { name: "Open meeting" }).click();
  await expect(host.getByRole("heading", { name: "Accessible meeting" })).toBeVisible();
  await expectAccessible(host, "the host's meeting page");
  await host.getByRole("link", { name: "Start meeting" }).click();
  await expect(host.getByRole("button", { name: "Join meeting" })).toBeVisible();
  await expectAccessible(host, "the host's pre-join screen");
  await joinFromPreJoin(host);

  await guest.goto(inviteUrl);
  await expect(guest.getByRole("button", { name: "Join meeting" })).toBeVisible();
  await expectAccessible(guest, "the guest's pre-join screen");
  await joinFromPreJoin(guest, "Grace Guest");
  await expect(remoteTile(guest, "Ada Host")).toBeVisible();
  await expectAccessible(guest, "the call");

  await host.getByRole("button", { name: "End meeting for all" }).click();
  await expectAccessible(host, "the end-meeting confirmation");
  await host.getByRole("button", { name: "End for all" }).click();
  await expect(guest.getByRole("heading", { name: "The host ended the meeting" })).toBeVisible();
  await expectAccessible(guest, "the meeting-ended screen");
  await expect(host.getByText("This meeting has ended.")).toBeVisible();
  await expectAccessible(host, "an ended meeting's page");
  await guest.goto(inviteUrl);
  await expectAccessible(guest, "an ended meeting's invite link");
});

test("the call works on a phone-sized screen", async ({ newContext, saveScreenshot }) => {
  const { guest } = await startCall(newContext, {
    host: "Pia Host",
    guest: "Phil Phone",
    title: "On the go",
    guestViewport: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  });

  await expect(remoteTile(guest, "Pia Host")).toBeVisible();
  await expect(guest.getByRole("button", { name: "Microphone", exact: true })).toBeVisible();
  // Nothing spills sideways, and every control is wholly on screen with nothing over it.
  await expectNoSidewaysScroll(guest);
  expect(await expectCallControlsUsable(guest)).toEqual(expect.arrayContaining(["Microphone", "Camera", "Chat", "Leave"]));
  await saveScreenshot(guest, "phone");
});
