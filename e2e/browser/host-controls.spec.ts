import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { createMeetingFromDashboard, joinFromPreJoin, signUp } from "./support/accounts";
import { remoteTile } from "./support/media";

async function openPeople(host: Page) {
  const toggle = host.getByRole("button", { name: /^People/ });
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
}

test("the host admits and denies people from the lobby, and removes someone from the call", async ({ newContext }) => {
  const hostContext = await newContext();
  const host = await hostContext.newPage();
  await signUp(host, "Lena Host");
  const inviteUrl = await createMeetingFromDashboard(host, "Guarded meeting");
  await host.getByRole("link", { name: "Open meeting" }).click();
  await host.getByLabel("Lobby: people wait until you admit them").check();
  await expect(host.getByLabel("Lobby: people wait until you admit them")).toBeChecked();
  await host.getByRole("link", { name: "Start meeting" }).click();
  await joinFromPreJoin(host);
  await expect(host.getByRole("button", { name: "People (1)" })).toBeVisible();

  // A guest knocks and waits, with no way into the call yet.
  const welcomeContext = await newContext();
  const welcome = await welcomeContext.newPage();
  await welcome.goto(inviteUrl);
  await joinFromPreJoin(welcome, "Wanda Welcome");
  await expect(welcome.getByRole("heading", { name: "Waiting for the host to let you in" })).toBeVisible();

  // The host sees the knock live, with the name, and admits.
  await expect(host.getByText("1 waiting to join")).toBeVisible();
  await openPeople(host);
  await host.getByRole("button", { name: "Admit Wanda Welcome" }).click();
  await expect(remoteTile(welcome, "Lena Host")).toBeVisible();
  await expect(remoteTile(host, "Wanda Welcome")).toBeVisible();

  // Another guest is denied and is told so.
  const unwantedContext = await newContext();
  const unwanted = await unwantedContext.newPage();
  await unwanted.goto(inviteUrl);
  await joinFromPreJoin(unwanted, "Ursula Unwanted");
  await expect(unwanted.getByRole("heading", { name: "Waiting for the host to let you in" })).toBeVisible();
  await openPeople(host);
  await host.getByRole("button", { name: "Deny Ursula Unwanted" }).click();
  await expect(unwanted.getByRole("heading", { name: "You were not admitted" })).toBeVisible();
  await expect(remoteTile(host, "Ursula Unwanted")).toHaveCount(0);

  // The host removes the admitted guest: she is told, and cannot come back.
  await openPeople(host);
  await host.getByRole("button", { name: "Remove Wanda Welcome from the meeting" }).click();
  await expect(welcome.getByRole("heading", { name: "You were removed from the meeting" })).toBeVisible();
  await expect(remoteTile(host, "Wanda Welcome")).toHaveCount(0);
  await welcome.goto(inviteUrl);
  await joinFromPreJoin(welcome, "Wanda Again");
  await expect(welcome.getByText("You were removed from this meeting by the host.")).toBeVisible();
});

test("a viewer watches without publishing until the host brings them on stage", async ({ newContext }) => {
  const hostContext = await newContext();
  const host = await hostContext.newPage();
  await signUp(host, "Sage Host");
  await createMeetingFromDashboard(host, "Town hall");
  await host.getByRole("link", { name: "Open meeting" }).click();
  await host.getByLabel("Role").selectOption("VIEWER");
  await host.getByRole("button", { name: "Create link" }).click();
  const viewerLink = await host.getByRole("textbox", { name: "Viewer (watch only) invite link" }).inputValue();
  await host.getByRole("link", { name: "Start meeting" }).click();
  await joinFromPreJoin(host);

  const viewerContext = await newContext();
  const viewer = await viewerContext.newPage();
  await viewer.goto(viewerLink);
  await expect(viewer.getByText("You are joining as a viewer")).toBeVisible();
  await viewer.getByLabel("Your name").fill("Vince Viewer");
  await viewer.getByRole("button", { name: "Join as viewer" }).click();
  // Sees the speaker, but has nothing to publish with.
  await expect(remoteTile(viewer, "Sage Host")).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Microphone", exact: true })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Chat" })).toBeVisible();

  await openPeople(host);
  await host.getByRole("button", { name: "Bring Vince Viewer on stage" }).click();
  await expect(viewer.getByRole("button", { name: "Microphone", exact: true })).toBeVisible();
  await viewer.getByRole("button", { name: "Camera", exact: true }).click();
  await expect(remoteTile(host, "Vince Viewer").locator("video")).toBeVisible();

  await openPeople(host);
  await host.getByRole("button", { name: "Move Vince Viewer back to the audience" }).click();
  await expect(viewer.getByRole("button", { name: "Microphone", exact: true })).toHaveCount(0);
});

test("a guest cannot pass as the host: invisible characters are refused, and only the real host's tile says host", async ({
  newContext,
}) => {
  const host = await (await newContext()).newPage();
  await signUp(host, "Hana Host");
  const inviteUrl = await createMeetingFromDashboard(host, "Look-alikes");
  await host.goto(inviteUrl);
  await joinFromPreJoin(host);

  const guest = await (await newContext()).newPage();
  await guest.goto(inviteUrl);
  // A right-to-left override that would show "Hana Host (host)".
  await joinFromPreJoin(guest, "\u202E(tsoh) tsoH anaH");
  await expect(guest.getByText("Names cannot contain invisible or direction-changing characters")).toBeVisible();
  // The same visible name as the host's is allowed: the tile tells them apart.
  await joinFromPreJoin(guest, "Hana Host");
  const realHost = remoteTile(guest, "Hana Host");
  await expect(realHost).toBeVisible();
  await expect(realHost.locator('[data-role="HOST"]')).toHaveText("host");
  const lookAlike = remoteTile(host, "Hana Host");
  await expect(lookAlike).toBeVisible();
  await expect(lookAlike.locator("[data-role]")).toHaveCount(0);

  // A co-host's tile says so too, for everyone.
  await openPeople(host);
  await host.getByRole("button", { name: "Make Hana Host a co-host" }).click();
  await expect(lookAlike.locator('[data-role="COHOST"]')).toHaveText("co-host");
});
