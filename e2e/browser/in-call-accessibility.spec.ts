import { expect, test } from "./support/test";
import { startCall } from "./support/accounts";
import { expectAccessible } from "./support/axe";
import { remoteTile } from "./support/media";
import { expectCallControlsUsable, expectNoSidewaysScroll, expectOnScreenAndUncovered } from "./support/layout";

test("hands, reactions, effects and the shortcut help have no serious accessibility violations", async ({ newContext }) => {
  const call = await startCall(newContext, { host: "Ava Host", guest: "Abe Guest", title: "Accessible extras" });
  const { host, guest } = call;
  await expect(remoteTile(host, "Abe Guest")).toBeVisible();

  await guest.getByRole("button", { name: "Raise hand" }).click();
  await expect(host.getByRole("img", { name: "Abe Guest raised their hand" })).toBeVisible();
  await host.getByRole("button", { name: /^People/ }).click();
  await expect(host.getByRole("list", { name: "Raised hands" })).toBeVisible();
  // Only the queue: the rest of the people panel predates it (its "Stop camera" and "Make
  // co-host" buttons have accessible names that do not contain their visible text).
  await expectAccessible(host, "the raised-hands queue", 'ol[aria-label="Raised hands"]');

  await guest.getByRole("button", { name: "React" }).click();
  await guest.getByRole("button", { name: "React with a heart" }).click();
  await guest.getByRole("button", { name: "Effects" }).click();
  await expect(guest.getByRole("region", { name: "Effects" })).toBeVisible();
  await expectAccessible(guest, "the call with the reaction picker and the effects panel open");

  await guest.locator("body").press("?");
  await expect(guest.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await expectAccessible(guest, "the keyboard shortcuts dialog");
  await guest.keyboard.press("Escape");
  await expect(guest.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeHidden();
});

test("on a phone, every call control is on screen, uncovered and usable, and the panels they open fit", async ({ newContext }) => {
  const call = await startCall(newContext, {
    host: "Pam Host",
    guest: "Pat Phone",
    title: "Phone extras",
    guestViewport: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  });
  const { host, guest } = call;
  await expect(remoteTile(guest, "Pam Host")).toBeVisible();
  // The controls appear as the server grants publishing; then every one must be reachable.
  await expect(guest.getByRole("button", { name: "Effects" })).toBeVisible();
  await expectNoSidewaysScroll(guest);
  const names = await expectCallControlsUsable(guest);
  expect(names).toEqual(
    expect.arrayContaining([
      "People (2)",
      "Microphone",
      "Choose microphone",
      "Camera",
      "Choose camera",
      "Raise hand",
      "React",
      "Effects",
      "Chat",
      "Leave",
    ]),
  );

  // Each opens what it should, on screen.
  await guest.getByRole("button", { name: "Raise hand" }).tap();
  await expect(host.getByRole("img", { name: "Pat Phone raised their hand" })).toBeVisible();
  await expect(guest.getByRole("button", { name: "Lower hand" })).toBeVisible();
  await guest.getByRole("button", { name: "React", exact: true }).tap();
  const thumbsUp = guest.getByRole("button", { name: "React with thumbs up" });
  await expect(thumbsUp).toBeVisible();
  for (const button of await guest.getByRole("group", { name: "Send a reaction" }).getByRole("button").all())
    await expectOnScreenAndUncovered(button, `"${await button.getAttribute("aria-label")}"`);
  await thumbsUp.tap();
  await expect(host.getByTestId("reactions")).toContainText("Pat Phone");
  await guest.getByRole("button", { name: "React", exact: true }).tap();
  await guest.getByRole("button", { name: "Effects" }).tap();
  const effects = guest.getByRole("region", { name: "Effects" });
  await expect(effects).toBeInViewport({ ratio: 1 });
  await expectOnScreenAndUncovered(effects.getByRole("radio", { name: "Blur" }), "the Blur choice");
  await expectOnScreenAndUncovered(effects.getByRole("checkbox", { name: "Noise suppression" }), "the noise suppression switch");
  await expectNoSidewaysScroll(guest);
});
