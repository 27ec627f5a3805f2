/**
 * The identity services the app under test talks to during sign-in tests, real and on
 * loopback: an OpenID Connect provider (npm `oidc-provider`) and an SMTP server (npm
 * `smtp-server`) whose mail is read back with `mailparser`. Their addresses and the client
 * credentials come from the environment scripts/lib/test-env.sh sets for the app too.
 */
import { createServer } from "node:http";
import { simpleParser, type ParsedMail } from "mailparser";
import Provider from "oidc-provider";
import { SMTPServer } from "smtp-server";

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: source scripts/lib/test-env.sh (the app under test needs it too)`);
  return value;
}

// --- The OpenID Connect provider ------------------------------------------------------------

/** People the identity provider knows; its dev login form takes the account id as "login". */
export const ssoAccounts = new Map([
  ["grace", { email: "grace.hopper@sso.example", name: "Grace Hopper" }],
  ["linus", { email: "linus@sso.example", name: "Linus" }],
]);

export async function startOidcProvider(appUrl: string): Promise<() => Promise<void>> {
  const issuer = requiredEnv("OIDC_ISSUER");
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: requiredEnv("OIDC_CLIENT_ID"),
        client_secret: requiredEnv("OIDC_CLIENT_SECRET"),
        redirect_uris: [`${appUrl}/api/auth/callback/oidc`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    cookies: { keys: ["parley-test-oidc-cookie-key"] },
    // A real account lookup: unknown logins fail, known ones get their claims.
    async findAccount(_ctx, id) {
      const account = ssoAccounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: async () => ({ sub: id, email: account.email, email_verified: true, name: account.name }),
      };
    },
  });
  const { port, hostname } = new URL(issuer);
  const server = createServer(provider.callback());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(Number(port), hostname, resolve);
  });
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

// --- The SMTP server ------------------------------------------------------------------------

export interface TestSmtpServer {
  /** The first message delivered to this address, if any arrived yet. */
  mailTo(address: string): ParsedMail | undefined;
  close(): Promise<void>;
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const inbox: ParsedMail[] = [];
  const { port, hostname } = new URL(requiredEnv("SMTP_URL"));
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"], // plain SMTP on loopback, as SMTP_URL says
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          inbox.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(Number(port), hostname, resolve);
  });
  return {
    mailTo: (address) =>
      inbox.find((mail) => {
        const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
        return to.some((group) => group.value.some((a) => a.address?.toLowerCase() === address));
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
