/**
 * The identity services the app under test talks to during sign-in tests, real and on
 * loopback: an OpenID Connect provider (npm `oidc-provider`) and an SMTP server (npm
 * `smtp-server`) whose mail is read back with `mailparser` (sign-in links, and the
 * invitations the integration suite checks too). Their addresses and the client
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
  /** Every message delivered to this address, oldest first. */
  mailsTo(address: string): ParsedMail[];
  /** The text/calendar part of a message (an invitation, an update, a cancellation). */
  calendarOf(mail: ParsedMail): string;
  close(): Promise<void>;
}

/** Recipients at this domain are refused at RCPT TO, the way a real server refuses an unknown mailbox. */
export const REFUSED_MAIL_DOMAIN = "refused.example";

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const inbox: ParsedMail[] = [];
  const { port, hostname } = new URL(requiredEnv("SMTP_URL"));
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"], // plain SMTP on loopback, as SMTP_URL says
    onRcptTo(address, _session, callback) {
      if (!address.address.toLowerCase().endsWith(`@${REFUSED_MAIL_DOMAIN}`)) return callback();
      callback(Object.assign(new Error("5.1.1 No such mailbox here"), { responseCode: 550 }));
    },
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
  const isTo = (mail: ParsedMail, address: string) => {
    const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
    return to.some((group) => group.value.some((a) => a.address?.toLowerCase() === address.toLowerCase()));
  };
  return {
    mailTo: (address) => inbox.find((mail) => isTo(mail, address)),
    mailsTo: (address) => inbox.filter((mail) => isTo(mail, address)),
    calendarOf(mail) {
      const part = mail.attachments.find((a) => a.contentType.startsWith("text/calendar"));
      if (!part) throw new Error(`no calendar part in "${mail.subject}"`);
      return part.content.toString("utf8");
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
