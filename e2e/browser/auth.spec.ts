import type { Page } from "@playwright/test";
import pg from "pg";
import { TEST_PASSWORD as PASSWORD, uniqueEmail } from "./support/accounts";
import { requiredEnv, ssoAccounts, startOidcProvider, startSmtpServer, type TestSmtpServer } from "./support/identity-servers";
import { expect, test } from "./support/test";

/**
 * Sign-in as a person does it, in Chromium: email + password, an OpenID Connect provider
 * (the real npm `oidc-provider`, started here on loopback) and a magic link delivered through
 * a real SMTP server (npm `smtp-server`, started here) and read back with `mailparser`.
 * The app under test gets the matching OIDC_* / SMTP_URL from scripts/lib/test-env.sh.
 */

const appUrl = process.env.APP_URL ?? process.env.PARLEY_TEST_APP_URL ?? "http://localhost:3100";

// --- Helpers --------------------------------------------------------------------------------

let stopOidc: (() => Promise<void>) | undefined;
let smtp: TestSmtpServer | undefined;
const database = new pg.Client({ connectionString: process.env.DATABASE_URL });

test.beforeAll(async () => {
  requiredEnv("DATABASE_URL");
  [stopOidc, smtp] = await Promise.all([startOidcProvider(appUrl), startSmtpServer()]);
  await database.connect();
});

test.afterAll(async () => {
  await Promise.all([stopOidc?.(), smtp?.close(), database.end()]);
});

function mailTo(address: string) {
  return smtp?.mailTo(address);
}

async function sessionUser(page: Page): Promise<{ id: string; name?: string; email?: string } | undefined> {
  const response = await page.request.get("/api/auth/session");
  expect(response.ok()).toBe(true);
  return (await response.json()).user;
}

async function signUp(page: Page, name: string, email: string, password = PASSWORD) {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
}

async function signInWithPassword(page: Page, email: string, password: string) {
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** The page's visible alert (Next's route announcer is an always-present, empty role=alert). */
function visibleAlert(page: Page) {
  return page.getByRole("alert").filter({ hasText: /\S/ });
}

const meetingsUrl = new RegExp(`^${appUrl.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/meetings$`);
const signInUrl = /\/sign-in\?callbackUrl=%2Fmeetings$/;

// --- Email and password ---------------------------------------------------------------------

test("a new person signs up, lands signed in on their meetings, signs out and signs in again", async ({ page }) => {
  const email = uniqueEmail("ada");
  await signUp(page, "Ada Lovelace", email);

  await expect(page).toHaveURL(meetingsUrl);
  await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
  const user = await sessionUser(page);
  expect(user).toMatchObject({ name: "Ada Lovelace", email });

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(`${appUrl}/`);
  expect(await sessionUser(page)).toBeUndefined();

  // Signed out, the meetings page sends you to sign in, and back afterwards.
  await page.goto("/meetings");
  await expect(page).toHaveURL(signInUrl);
  await signInWithPassword(page, email, PASSWORD);
  await expect(page).toHaveURL(meetingsUrl);
  expect((await sessionUser(page))?.id).toBe(user?.id);
});

test("'Sign out of all devices' signs out this browser and every other one signed in to the account", async ({ newContext }) => {
  const laptop = await (await newContext()).newPage();
  const phone = await (await newContext()).newPage();
  const email = uniqueEmail("grace");
  await signUp(laptop, "Grace Hopper", email);
  await expect(laptop).toHaveURL(meetingsUrl);
  await phone.goto("/meetings");
  await signInWithPassword(phone, email, PASSWORD);
  await expect(phone).toHaveURL(meetingsUrl);

  await laptop.getByRole("button", { name: "Sign out of all devices" }).click();
  await expect(laptop).toHaveURL(`${appUrl}/`);
  expect(await sessionUser(laptop)).toBeUndefined();
  // The other browser still holds its cookie, but the server ended that session too.
  await phone.reload();
  await expect(phone).toHaveURL(signInUrl);
  expect(await sessionUser(phone)).toBeUndefined();
});

test("a wrong password and an unknown email show the same generic error and sign nobody in", async ({ page }) => {
  const email = uniqueEmail("eve");
  await signUp(page, "Eve", email);
  await expect(page).toHaveURL(meetingsUrl);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(`${appUrl}/`);

  await page.goto("/sign-in");
  const messages: string[] = [];
  for (const [address, password] of [
    [email, "not the right password"],
    [uniqueEmail("nobody"), PASSWORD],
  ] as const) {
    await signInWithPassword(page, address, password);
    const alert = visibleAlert(page);
    await expect(alert).toHaveText("Incorrect email or password.");
    messages.push(await alert.innerText());
    await expect(page).toHaveURL(/\/sign-in$/);
    expect(await sessionUser(page)).toBeUndefined();
  }
  expect(messages[0]).toBe(messages[1]);
});

test("sign-up shows what is wrong next to the field and keeps the person on the form", async ({ page }) => {
  const email = uniqueEmail("short");
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Short Password");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("123456789");
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(visibleAlert(page)).toHaveText("Passwords need at least 10 characters");
  await expect(page.getByLabel("Password", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/sign-up$/);
  const { rowCount } = await database.query('SELECT 1 FROM "User" WHERE email = $1', [email]);
  expect(rowCount).toBe(0);
});

test("an email that already has an account is refused with a way to sign in", async ({ page }) => {
  const email = uniqueEmail("twice");
  await signUp(page, "First", email);
  await expect(page).toHaveURL(meetingsUrl);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(`${appUrl}/`);

  await signUp(page, "Second", email, "another long password");
  await expect(visibleAlert(page)).toContainText("An account with this email already exists.");
  await page.getByRole("link", { name: "Sign in instead" }).click();
  await expect(page).toHaveURL(signInUrl);
});

test("a callback URL to another site is ignored after signing in", async ({ page }) => {
  const email = uniqueEmail("redirect");
  await signUp(page, "Redirect", email);
  await expect(page).toHaveURL(meetingsUrl);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(`${appUrl}/`);

  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("https://evil.example/phish")}`);
  await signInWithPassword(page, email, PASSWORD);
  await expect(page).toHaveURL(meetingsUrl);
});

// --- Single sign-on (OpenID Connect) --------------------------------------------------------

test("single sign-on through the organisation's OpenID Connect provider", async ({ page }) => {
  await database.query('DELETE FROM "User" WHERE email = $1', ["grace.hopper@sso.example"]);

  await page.goto("/meetings");
  await expect(page).toHaveURL(signInUrl);
  await page.getByRole("button", { name: `Sign in with ${requiredEnv("OIDC_NAME")}` }).click();

  // The provider's own pages: log in as a known account, then consent.
  await expect(page).toHaveURL(new RegExp(`^${requiredEnv("OIDC_ISSUER")}/interaction/`));
  await page.locator('input[name="login"]').fill("grace");
  await page.locator('input[name="password"]').fill("any password: the dev login checks the account only");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page).toHaveURL(meetingsUrl);
  const user = await sessionUser(page);
  expect(user).toMatchObject({ name: "Grace Hopper", email: "grace.hopper@sso.example" });
  const { rows } = await database.query<{ userId: string; providerAccountId: string }>(
    'SELECT "userId", "providerAccountId" FROM "Account" WHERE provider = $1 AND "providerAccountId" = $2',
    ["oidc", "grace"],
  );
  expect(rows).toEqual([{ userId: user?.id, providerAccountId: "grace" }]);
  const { rows: users } = await database.query<{ passwordHash: string | null }>('SELECT "passwordHash" FROM "User" WHERE id = $1', [
    user?.id,
  ]);
  expect(users).toEqual([{ passwordHash: null }]);
});

test("single sign-on never takes over a password account that has the same email", async ({ page }) => {
  const email = ssoAccounts.get("linus")!.email;
  await database.query('DELETE FROM "User" WHERE email = $1', [email]);
  await signUp(page, "Linus (password)", email);
  await expect(page).toHaveURL(meetingsUrl);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(`${appUrl}/`);

  await page.goto("/sign-in");
  await page.getByRole("button", { name: `Sign in with ${requiredEnv("OIDC_NAME")}` }).click();
  await expect(page).toHaveURL(new RegExp(`^${requiredEnv("OIDC_ISSUER")}/interaction/`));
  await page.locator('input[name="login"]').fill("linus");
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page).toHaveURL(/\/sign-in\?.*error=OAuthAccountNotLinked/);
  await expect(visibleAlert(page)).toContainText("already belongs to an account that signs in another way");
  expect(await sessionUser(page)).toBeUndefined();
  const { rowCount } = await database.query('SELECT 1 FROM "Account" WHERE provider = $1 AND "providerAccountId" = $2', ["oidc", "linus"]);
  expect(rowCount).toBe(0);
});

// --- Magic link by email --------------------------------------------------------------------

test("a magic link by email signs the person in where they wanted to go, once", async ({ page }) => {
  const email = uniqueEmail("link");
  await page.goto("/meetings");
  await expect(page).toHaveURL(signInUrl);
  await page.getByLabel("Email for a sign-in link").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page).toHaveURL(/\/check-email$/);
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

  await expect.poll(() => mailTo(email), { message: `a sign-in email to ${email}` }).toBeDefined();
  const mail = mailTo(email)!;
  expect(mail.from?.text).toContain("Parley");
  const link = mail.text?.match(/https?:\/\/\S+\/api\/auth\/callback\/email\?\S+/)?.[0];
  expect(link, `a sign-in link in: ${mail.text}`).toBeDefined();
  expect(new URL(link!).origin).toBe(new URL(appUrl).origin);

  await page.goto(link!);
  await expect(page).toHaveURL(meetingsUrl);
  expect(await sessionUser(page)).toMatchObject({ email });

  // The link works once: opened again (signed out), it is refused with a readable message.
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(`${appUrl}/`);
  await page.goto(link!);
  await expect(page).toHaveURL(/\/sign-in\?/);
  await expect(visibleAlert(page)).toContainText("That sign-in link is no longer valid");
  expect(await sessionUser(page)).toBeUndefined();
});
