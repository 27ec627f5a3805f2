import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "./support/test";
import type { BrowserContext, Page } from "@playwright/test";
import pg from "pg";
import { joinFromPreJoin, signUp } from "./support/accounts";
import { expectReceivingMediaFrom, inboundMedia, recordPeerConnections, remoteTile } from "./support/media";

/** Everything a browser context sends: request URLs, headers and bodies, WebSocket frames. */
function recordOutgoing(context: BrowserContext) {
  const sent: string[] = [];
  context.on("request", (request) => {
    sent.push(request.url(), JSON.stringify(request.headers()), request.postData() ?? "");
  });
  context.on("page", (page) => {
    watchSockets(page, sent);
    page.on("worker", (worker) => sent.push(`worker: ${worker.url()}`));
  });
  return sent;
}

function watchSockets(page: Page, sent: string[]) {
  page.on("websocket", (socket) => {
    sent.push(socket.url());
    socket.on("framesent", (frame) => sent.push(typeof frame.payload === "string" ? frame.payload : frame.payload.toString("latin1")));
  });
}

/** Every row of every table of the app's database, as text. */
async function databaseText(): Promise<string> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const tables = await client.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
    const dumps = [];
    for (const { tablename } of tables.rows) {
      const rows = await client.query(`SELECT row_to_json(t)::text AS row FROM "${tablename}" t`);
      dumps.push(...rows.rows.map((r: { row: string }) => r.row));
    }
    return dumps.join("\n");
  } finally {
    await client.end();
  }
}

/** The app's and LiveKit's logs of this test run (scripts/test.sh writes them to RUN_DIR). */
function logsText(): string {
  const dir = process.env.PARLEY_TEST_RUN_DIR;
  if (!dir) throw new Error("PARLEY_TEST_RUN_DIR must be set (scripts/test.sh exports it)");
  return readdirSync(dir)
    .filter((name) => name.endsWith(".log"))
    .map((name) => readFileSync(path.join(dir, name), "latin1"))
    .join("\n");
}

test("an end-to-end encrypted meeting: two browsers with the link decode each other, one without the key decodes nothing, and the key reaches no server", async ({
  newContext,
}) => {
  test.setTimeout(180_000);
  const hostContext = await newContext();
  const guestContext = await newContext();
  const strangerContext = await newContext();
  const wrongKeyContext = await newContext();
  const contexts = [hostContext, guestContext, strangerContext, wrongKeyContext];
  for (const context of contexts) await recordPeerConnections(context);
  const outgoing = contexts.map(recordOutgoing);

  // The host creates an encrypted meeting: the link carries the key after "#".
  const host = await hostContext.newPage();
  await signUp(host, "Erin Host");
  await host.getByLabel("Title (optional)").fill("Private talk");
  await host.getByLabel("End-to-end encryption").check();
  await host.getByRole("button", { name: "Create meeting" }).click();
  const link = await host.getByRole("textbox", { name: "Invite link" }).inputValue();
  expect(link).toMatch(/\/j\/[A-Za-z0-9_-]{43}#key=[A-Za-z0-9_-]{43}$/);
  const key = new URL(link).hash.slice("#key=".length);

  // Host and guest join with the full link and decode each other's frames.
  await host.goto(link);
  await joinFromPreJoin(host);
  await expect(host.getByText("End-to-end encrypted:")).toBeVisible();
  const guest = await guestContext.newPage();
  await guest.goto(link);
  await joinFromPreJoin(guest, "Gale Guest");
  await expectReceivingMediaFrom(guest, "Erin Host");
  await expectReceivingMediaFrom(host, "Gale Guest");
  await expect(guest.getByText("Chat is not stored.")).toBeVisible();

  // Chat works between them (encrypted data packets).
  await guest.getByRole("button", { name: "Chat" }).click();
  await guest.locator(".lk-chat-form-input").fill("Only we can read this");
  await guest.locator(".lk-chat-form-input").press("Enter");
  await host.getByRole("button", { name: "Chat" }).click();
  await expect(host.locator(".lk-chat-messages")).toContainText("Only we can read this");

  // Without the fragment: told the link is incomplete, offered no way in, decodes nothing.
  const stranger = await strangerContext.newPage();
  await stranger.goto(link.split("#")[0]!);
  await expect(stranger.getByRole("heading", { name: "This invite link is incomplete" })).toBeVisible();
  await expect(stranger.getByRole("button", { name: "Join meeting" })).toHaveCount(0);
  expect((await inboundMedia(stranger)).videoFramesDecoded).toBe(0);

  // With a wrong key, someone who gets into the room still decodes none of the (encrypted) media.
  const wrongKey = await wrongKeyContext.newPage();
  await wrongKey.goto(`${link.split("#")[0]}#key=${"A".repeat(43)}`);
  await joinFromPreJoin(wrongKey, "Wes Wrongkey");
  await expect(remoteTile(wrongKey, "Erin Host")).toBeVisible();
  await expect(remoteTile(host, "Wes Wrongkey")).toBeVisible();
  // Meanwhile the two with the key keep decoding each other.
  const guestBefore = (await inboundMedia(guest)).videoFramesDecoded;
  await expect.poll(async () => (await inboundMedia(guest)).videoFramesDecoded).toBeGreaterThan(guestBefore + 30);
  expect((await inboundMedia(wrongKey)).videoFramesDecoded).toBe(0);

  // The key is in nothing any browser sent, in no database row, in no log line.
  const sent = outgoing.flat().join("\n");
  expect(sent.length).toBeGreaterThan(1000);
  expect(sent).not.toContain(key);
  expect(sent).toContain(link.split("#")[0]!.split("/j/")[1]!.slice(0, 20)); // the watcher saw the invite token go out
  expect(await databaseText()).not.toContain(key);
  expect(logsText()).not.toContain(key);
  // The encrypted calls started LiveKit's encryption worker (a plain call starts none: background-effects.spec.ts).
  expect(sent).toMatch(/^worker: /m);

  await Promise.all(contexts.map((context) => context.close()));
});

test("the host's meeting page completes the encrypted meeting's links with the key this browser holds", async ({ newContext }) => {
  const context = await newContext();
  const host = await context.newPage();
  await signUp(host, "Kit Host");
  await host.getByLabel("End-to-end encryption").check();
  await host.getByRole("button", { name: "Create meeting" }).click();
  const link = await host.getByRole("textbox", { name: "Invite link" }).inputValue();
  await host.getByRole("link", { name: "Open meeting" }).click();
  await expect(host.getByRole("textbox", { name: "Participant invite link" })).toHaveValue(link);

  // Another browser signed in as the same host has no key: it says the links are incomplete.
  const other = await newContext({ storageState: await context.storageState() });
  const otherPage = await other.newPage();
  await otherPage.goto(host.url());
  await otherPage.evaluate(() => localStorage.clear());
  await otherPage.reload();
  await expect(otherPage.getByText("this browser does not hold its key")).toBeVisible();
  await Promise.all([context.close(), other.close()]);
});
