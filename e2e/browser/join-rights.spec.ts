import type { BrowserContext, Page } from "@playwright/test";
import { expect, test, type NewContext } from "./support/test";
import { joinFromPreJoin, startCall } from "./support/accounts";
import { expectReceivingMediaFrom, recordPeerConnections } from "./support/media";

/**
 * Joining a call where others already send video (docs/decisions/027, amendment (c)). Tokens
 * grant entry only and the rights come from the app once LiveKit has the participant
 * (decision 013), so the browser's first offer waits for them (`beforeFirstOffer`, our patch
 * to livekit-client): LiveKit then sends the others' video in its answer to that first offer,
 * as it does for a token that can subscribe. When the app cannot grant them at the join, the
 * offer goes anyway and LiveKit's webhook brings the rights, a little later.
 */

/** Keeps, in order, every answer the page applies from LiveKit. */
async function recordAnswers(context: BrowserContext) {
  await context.addInitScript(() => {
    const answers: string[] = [];
    Object.assign(window, { __answers: answers });
    const native = RTCPeerConnection.prototype.setRemoteDescription as (
      this: RTCPeerConnection,
      d?: RTCSessionDescriptionInit,
    ) => Promise<void>;
    RTCPeerConnection.prototype.setRemoteDescription = function (this: RTCPeerConnection, description?: RTCSessionDescriptionInit) {
      if (description?.type === "answer" && description.sdp) answers.push(description.sdp);
      return native.call(this, description);
    };
  });
}

/** How many video sections of an answer carry a video LiveKit sends to the page. */
function videosSentIn(sdp: string): number {
  return sdp
    .split(/\r?\nm=/)
    .filter((section) => section.startsWith("video") && /\r?\na=(sendonly|sendrecv)\r?$/m.test(section) && /\r?\na=msid:/.test(section))
    .length;
}

async function answers(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(window as unknown as { __answers: string[] }).__answers]);
}

/** A third person who joins through the invite link once the host and the guest are in the call. */
async function latecomer(newContext: NewContext, inviteUrl: string, name: string, admission: "answered" | "failing" | "never answered") {
  const context = await newContext();
  await recordPeerConnections(context);
  await recordAnswers(context);
  const page = await context.newPage();
  if (admission === "failing") await page.route("**/api/meetings/*/admission", (route) => route.abort("connectionreset"));
  // Left pending: the request neither succeeds nor fails.
  if (admission === "never answered") await page.route("**/api/meetings/*/admission", () => undefined);
  await page.goto(inviteUrl);
  await joinFromPreJoin(page, name);
  return page;
}

test("a latecomer's first negotiation already brings the others' video", async ({ newContext }) => {
  const { host, guest, inviteUrl } = await startCall(newContext, {
    host: "Hana Host",
    guest: "Gus Guest",
    title: "Latecomer check",
    recordStats: recordPeerConnections,
  });
  // Both already publish: each receives the other's camera.
  await expectReceivingMediaFrom(host, "Gus Guest");
  await expectReceivingMediaFrom(guest, "Hana Host");

  const late = await latecomer(newContext, inviteUrl, "Lou Late", "answered");
  await expectReceivingMediaFrom(late, "Hana Host");
  await expectReceivingMediaFrom(late, "Gus Guest");
  const [first] = await answers(late);
  expect(videosSentIn(first!), "videos sent in LiveKit's first answer").toBe(2);
  // And the latecomer's rights are whole: the others receive Lou's camera and microphone.
  await expectReceivingMediaFrom(host, "Lou Late");
});

test("when the app cannot grant the rights at the join, the call still starts: LiveKit's webhook brings them", async ({ newContext }) => {
  const { host, guest, inviteUrl } = await startCall(newContext, {
    host: "Hedda Host",
    guest: "Gil Guest",
    title: "Rights by webhook",
    recordStats: recordPeerConnections,
  });
  await expectReceivingMediaFrom(guest, "Hedda Host");

  const failing = await latecomer(newContext, inviteUrl, "Fay Failing", "failing");
  await expectReceivingMediaFrom(failing, "Hedda Host");
  await expectReceivingMediaFrom(host, "Fay Failing");
  // Without the rights in time, the first answer sent no video: they came by the webhook.
  expect(videosSentIn((await answers(failing))[0]!), "videos sent in LiveKit's first answer").toBe(0);
  await failing.getByRole("button", { name: /leave/i }).click();
  await expect(failing.getByRole("heading", { name: "You left the meeting" })).toBeVisible();

  const stalled = await latecomer(newContext, inviteUrl, "Stan Stalled", "never answered");
  await expectReceivingMediaFrom(stalled, "Hedda Host");
  await expectReceivingMediaFrom(guest, "Stan Stalled");
});
