import type { Browser, BrowserContext } from "@playwright/test";
import { joinFromPreJoin, signUp } from "../../browser/support/accounts";

/**
 * A host and a guest in one call through the topology's public URL. Like startCall in
 * e2e/browser, but the meeting is created with the API the dashboard calls, so no click can
 * land before the dashboard's script has loaded (slower through the proxy on a busy machine).
 */
export async function startTopologyCall(
  browser: Browser,
  options: { host: string; guest: string; title: string; prepare?: (context: BrowserContext) => Promise<void> },
) {
  const hostContext = await browser.newContext();
  const guestContext = await browser.newContext();
  if (options.prepare) {
    await options.prepare(hostContext);
    await options.prepare(guestContext);
  }
  const host = await hostContext.newPage();
  const guest = await guestContext.newPage();
  await signUp(host, options.host);
  const created = await host.request.post("/api/meetings", { data: { title: options.title } });
  if (created.status() !== 201) throw new Error(`creating the meeting failed: ${created.status()} ${await created.text()}`);
  const { id: meetingId, inviteUrl } = (await created.json()) as { id: string; inviteUrl: string };
  await host.goto(inviteUrl);
  await joinFromPreJoin(host);
  await guest.goto(inviteUrl);
  await joinFromPreJoin(guest, options.guest);
  return {
    host,
    guest,
    meetingId,
    inviteUrl,
    close: async () => {
      await hostContext.close();
      await guestContext.close();
    },
  };
}
