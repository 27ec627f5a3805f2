import { expect, test } from "./support/test";
import { startCall } from "./support/accounts";
import { expectReceivingMediaFrom, recordPeerConnections, remoteTile } from "./support/media";

/**
 * The stack's spine: two real Chromium contexts with fake camera and microphone meet
 * through the app's token routes and the real LiveKit SFU, see and hear each other
 * (decoded frames, received audio samples), and a leave is seen by the other side.
 */
test("two browsers see and hear each other through the SFU, and a leave is seen", async ({ newContext }) => {
  const { host, guest } = await startCall(newContext, {
    host: "Alice Host",
    guest: "Bob Guest",
    title: "Media check",
    recordStats: recordPeerConnections,
  });

  await expectReceivingMediaFrom(host, "Bob Guest");
  await expectReceivingMediaFrom(guest, "Alice Host");

  // Bob leaves: he sees that he left, and Alice's grid no longer shows him.
  await guest.getByRole("button", { name: /leave/i }).click();
  await expect(guest.getByRole("heading", { name: "You left the meeting" })).toBeVisible();
  await expect(remoteTile(host, "Bob Guest")).toHaveCount(0);
  // Alice is still in the call with her own camera.
  await expect(host.locator('.lk-participant-tile[data-lk-local-participant="true"]')).toBeVisible();
  await expect(host.getByRole("button", { name: "People (1)" })).toBeVisible();
});
