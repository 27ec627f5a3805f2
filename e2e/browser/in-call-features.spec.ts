import { expect, test } from "./support/test";
import type { Page } from "@playwright/test";
import { createMeetingFromDashboard, joinFromPreJoin, signUp, startCall } from "./support/accounts";
import { remoteTile } from "./support/media";
import { joinWithOwnClient } from "./support/own-client";
import { jwtClaims } from "../integration/support/jwt";
import { REACTION_TOPIC } from "@/lib/call-attributes";
import { MEETING_ENDED_TOPIC } from "@/lib/data-topics";
import { announceMeetingEnded, listRoomParticipants } from "@/lib/livekit";

async function openPeople(page: Page) {
  const toggle = page.getByRole("button", { name: /^People/ });
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
}

/** The hand on someone's tile (a role="img" named "<name> raised their hand"). */
const handOn = (page: Page, name: string) => page.getByRole("img", { name: `${name} raised their hand` });

test("hands go up through the server, show on tiles, survive a reconnect, and moderators work the queue", async ({ newContext }) => {
  const hostContext = await newContext();
  const host = await hostContext.newPage();
  await signUp(host, "Hana Host");
  await createMeetingFromDashboard(host, "Question time");
  await host.getByRole("link", { name: "Open meeting" }).click();
  await host.getByLabel("Role").selectOption("VIEWER");
  await host.getByRole("button", { name: "Create link" }).click();
  const viewerLink = await host.getByRole("textbox", { name: "Viewer (watch only) invite link" }).inputValue();
  const participantLink = await host.getByRole("textbox", { name: "Participant invite link" }).inputValue();
  await host.getByRole("link", { name: "Start meeting" }).click();
  await joinFromPreJoin(host);

  const guestContext = await newContext();
  const guest = await guestContext.newPage();
  await guest.goto(participantLink);
  await joinFromPreJoin(guest, "Gil Guest");
  const viewerContext = await newContext();
  const viewer = await viewerContext.newPage();
  await viewer.goto(viewerLink);
  await viewer.getByLabel("Your name").fill("Vera Viewer");
  await viewer.getByRole("button", { name: "Join as viewer" }).click();
  await expect(remoteTile(host, "Vera Viewer")).toBeVisible();

  // The guest raises first, then the viewer: both hands show on every screen.
  await guest.getByRole("button", { name: "Raise hand" }).click();
  await expect(guest.getByRole("button", { name: "Lower hand" })).toHaveAttribute("aria-pressed", "true");
  await expect(handOn(host, "Gil Guest")).toBeVisible();
  await viewer.getByRole("button", { name: "Raise hand" }).click();
  await expect(handOn(host, "Vera Viewer")).toBeVisible();
  await expect(handOn(guest, "Vera Viewer")).toBeVisible();

  // The host's queue lists them in the order they raised their hands.
  await openPeople(host);
  const queue = host.getByRole("list", { name: "Raised hands" });
  await expect(queue.getByRole("listitem")).toHaveText([/1\. Gil Guest/, /2\. Vera Viewer/]);

  // A reload (a reconnect with a new token) keeps the hand up.
  await guest.reload();
  await joinFromPreJoin(guest, "Gil Guest");
  await expect(guest.getByRole("button", { name: "Lower hand" })).toBeVisible();
  await expect(handOn(host, "Gil Guest")).toBeVisible();

  // The host lowers the guest's hand; the guest sees it down, the viewer's stays up.
  await host.getByRole("button", { name: "Lower Gil Guest's hand" }).click();
  await expect(guest.getByRole("button", { name: "Raise hand" })).toBeVisible();
  await expect(handOn(host, "Gil Guest")).toHaveCount(0);
  await expect(handOn(host, "Vera Viewer")).toBeVisible();

  // From the queue, the host brings the viewer on stage: she can publish, her hand is down.
  await host.getByRole("button", { name: "Bring Vera Viewer on stage (raised hand)" }).click();
  await expect(viewer.getByRole("button", { name: "Microphone", exact: true })).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Raise hand" })).toBeVisible();
  await expect(host.getByRole("list", { name: "Raised hands" })).toHaveCount(0);

  // The guest (not a moderator) has no queue and no way to lower others' hands.
  await viewer.getByRole("button", { name: "Raise hand" }).click();
  await openPeople(guest);
  await expect(guest.getByRole("list", { name: "Raised hands" })).toHaveCount(0);
  await expect(guest.getByRole("button", { name: "Lower Vera Viewer's hand" })).toHaveCount(0);

  await Promise.all([hostContext.close(), guestContext.close(), viewerContext.close()]);
});

test("reactions show briefly to everyone, are announced politely, and are limited per person", async ({ newContext }) => {
  const call = await startCall(newContext, { host: "Rhea Host", guest: "Rex Guest", title: "Cheers" });
  const { host, guest } = call;
  await expect(remoteTile(host, "Rex Guest")).toBeVisible();
  await expect(remoteTile(guest, "Rhea Host")).toBeVisible();

  await guest.getByRole("button", { name: "React" }).click();
  await guest.getByRole("button", { name: "React with applause" }).click();
  const shown = host.getByTestId("reactions");
  await expect(shown).toContainText("👏 Rex Guest");
  // Screen readers hear it, politely.
  await expect(host.locator('[aria-live="polite"]', { hasText: "Rex Guest reacted with applause" })).toHaveCount(1);
  // It is gone after a few seconds.
  await expect(shown).not.toContainText("Rex Guest", { timeout: 10_000 });

  // Ten at once from the host (clicked inside the page: ten Playwright clicks on a loaded
  // machine can take longer than the limit's window): five arrive, then the sender is asked to wait.
  await host.getByRole("button", { name: "React" }).click();
  await host.getByRole("button", { name: "React with thumbs up" }).evaluate((button: HTMLButtonElement) => {
    for (let i = 0; i < 10; i++) button.click();
  });
  await expect(host.getByText("Too many reactions: wait a few seconds.")).toBeAttached();
  await expect(guest.getByTestId("reactions").getByText("Rhea Host")).toHaveCount(5);
});

test("every browser shows at most 5 reactions per person per 10 s, even from a client that sends more", async ({ newContext, baseURL }) => {
  const call = await startCall(newContext, { host: "Flora Host", guest: "Finn Guest", title: "Flood" });
  await expect(remoteTile(call.guest, "Flora Host")).toBeVisible();

  const { peer: flooder } = await joinWithOwnClient(call.inviteUrl, baseURL, "Flo Flooder", call.guest);
  try {
    // The most Flo reactions each page ever shows at once (each stays 4 s; all ten arrive within that).
    for (const page of [call.host, call.guest])
      await page.evaluate(() => {
        const seen = { max: 0 };
        Object.assign(window, { __floReactions: seen });
        new MutationObserver(() => {
          const shown = [...document.querySelectorAll('[data-testid="reactions"] > span')].filter((s) =>
            s.textContent?.includes("Flo Flooder"),
          );
          seen.max = Math.max(seen.max, shown.length);
        }).observe(document.body, { childList: true, subtree: true, characterData: true });
      });

    const party = new TextEncoder().encode(JSON.stringify({ emoji: "🎉" }));
    for (let i = 0; i < 10; i++) await flooder.room.localParticipant!.publishData(party, { reliable: true, topic: REACTION_TOPIC });

    const mostShown = (page: Page) => page.evaluate(() => (window as unknown as { __floReactions: { max: number } }).__floReactions.max);
    // Both screens show them, then (after 4 s) none; the most either showed at once is five.
    for (const page of [call.host, call.guest]) await expect.poll(() => mostShown(page)).toBeGreaterThan(0);
    for (const page of [call.host, call.guest]) await expect(page.getByTestId("reactions").getByText("Flo Flooder")).toHaveCount(0);
    for (const page of [call.host, call.guest]) expect(await mostShown(page)).toBe(5);
  } finally {
    await flooder.leave();
  }
});

test("a page ends its call on the app's own end notice alone, and ignores the same packet sent by a participant", async ({
  newContext,
  baseURL,
}) => {
  const call = await startCall(newContext, { host: "Elsa Host", guest: "Eli Guest", title: "Who may end it" });
  await expect(remoteTile(call.guest, "Elsa Host")).toBeVisible();

  const { peer: impostor, grant } = await joinWithOwnClient(call.inviteUrl, baseURL, "Ian Impostor", call.guest);
  try {
    // It sends the app's end notice, then a reaction on the same ordered, reliable channel: once
    // the reaction shows, the page has handled the notice before it, and is still in the call.
    const publish = (topic: string, message: unknown) =>
      impostor.room.localParticipant!.publishData(new TextEncoder().encode(JSON.stringify(message)), { reliable: true, topic });
    await publish(MEETING_ENDED_TOPIC, { ended: true });
    await publish(REACTION_TOPIC, { emoji: "🎉" });
    await expect(call.guest.getByTestId("reactions").getByText("Ian Impostor")).toBeVisible();
    await expect(call.guest.getByRole("heading", { name: "The host ended the meeting" })).toHaveCount(0);
    await expect(call.guest.getByRole("button", { name: "Leave" })).toBeVisible();

    // The app's own notice (lib/livekit.ts, sent by the server: no sender), with the room left
    // in place: the page shows the end at once, without waiting for LiveKit to close the room.
    const room = jwtClaims(grant.token).video!.room as string;
    await announceMeetingEnded(room);
    await expect(call.guest.getByRole("heading", { name: "The host ended the meeting" })).toBeVisible();
    // The room was not deleted: the impostor's client, which ignores the notice, is still in it.
    expect((await listRoomParticipants(room))?.map((p) => p.identity)).toContain(impostor.room.localParticipant!.identity);
  } finally {
    await impostor.leave();
  }
});

test("keyboard shortcuts toggle microphone, camera and hand, list themselves on ?, and never fire while typing in chat", async ({
  newContext,
}) => {
  const call = await startCall(newContext, { host: "Kim Host", guest: "Kai Guest", title: "Keys" });
  const { host, guest } = call;
  await expect(remoteTile(host, "Kai Guest")).toBeVisible();
  const mic = guest.getByRole("button", { name: "Microphone", exact: true });
  const camera = guest.getByRole("button", { name: "Camera", exact: true });
  await expect(mic).toHaveAttribute("aria-pressed", "true");
  await expect(camera).toHaveAttribute("aria-pressed", "true");

  await guest.locator("body").press("Control+d");
  await expect(mic).toHaveAttribute("aria-pressed", "false");
  await guest.locator("body").press("Control+e");
  await expect(camera).toHaveAttribute("aria-pressed", "false");
  await expect(remoteTile(host, "Kai Guest")).toHaveAttribute("data-lk-video-muted", "true");
  await guest.locator("body").press("Control+Alt+h");
  await expect(handOn(host, "Kai Guest")).toBeVisible();

  await guest.locator("body").press("?");
  const help = guest.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  await expect(help).toContainText("Ctrl + D");
  await help.getByRole("button", { name: "Close" }).click();
  await expect(help).toBeHidden();

  // Typing in chat: the keys go into the message, nothing toggles.
  await guest.getByRole("button", { name: "Chat" }).click();
  const message = guest.locator(".lk-chat-form-input");
  await message.fill("Is everyone here?");
  await message.press("Control+d");
  await message.press("Control+Alt+h");
  await expect(message).toHaveValue("Is everyone here?");
  await expect(mic).toHaveAttribute("aria-pressed", "false");
  await expect(handOn(host, "Kai Guest")).toBeVisible();
  await expect(help).toBeHidden();
});

test("noise suppression and echo cancellation can be switched off and on in the call", async ({ newContext }) => {
  const call = await startCall(newContext, {
    host: "Nia Host",
    guest: "Ned Guest",
    title: "Audio",
    // Keeps every microphone track the page captures, to read the browser's own settings.
    recordStats: async (context) => {
      await context.addInitScript(() => {
        const tracks: MediaStreamTrack[] = [];
        Object.assign(window, { __micTracks: tracks });
        const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
        navigator.mediaDevices.getUserMedia = async (constraints) => {
          const stream = await original(constraints);
          tracks.push(...stream.getAudioTracks());
          return stream;
        };
      });
    },
  });
  const { guest } = call;
  await expect(remoteTile(guest, "Nia Host")).toBeVisible();
  const micSettings = () =>
    guest.evaluate(() => {
      const live = (window as unknown as { __micTracks: MediaStreamTrack[] }).__micTracks.filter((t) => t.readyState === "live");
      return live.map((t) => ({ noiseSuppression: t.getSettings().noiseSuppression, echoCancellation: t.getSettings().echoCancellation }));
    });
  await expect.poll(micSettings).toEqual([{ noiseSuppression: true, echoCancellation: true }]);

  await guest.getByRole("button", { name: "Effects" }).click();
  await guest.getByLabel("Noise suppression").uncheck();
  await expect.poll(micSettings).toEqual([{ noiseSuppression: false, echoCancellation: true }]);
  await guest.getByLabel("Echo cancellation").uncheck();
  await expect.poll(micSettings).toEqual([{ noiseSuppression: false, echoCancellation: false }]);
  await guest.getByLabel("Noise suppression").check();
  await expect.poll(micSettings).toEqual([{ noiseSuppression: true, echoCancellation: false }]);
  // The microphone still reaches the host.
  await expect(remoteTile(call.host, "Ned Guest")).toBeVisible();
});
