import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

/**
 * A real SMTP server (npm smtp-server) on the port of SMTP_URL (scripts/lib/test-env.sh),
 * keeping every mail it accepts, parsed with mailparser. Recipients at `refused.example`
 * are rejected at RCPT TO, the way a real server refuses an unknown mailbox.
 */
export interface MailSink {
  inbox: ParsedMail[];
  /** Mails to `address`, oldest first. */
  to(address: string): ParsedMail[];
  /** The text/calendar part of a mail. */
  calendarOf(mail: ParsedMail): string;
  close(): Promise<void>;
}

export async function startMailSink(smtpUrl = process.env.SMTP_URL): Promise<MailSink> {
  if (!smtpUrl) throw new Error("SMTP_URL is not set: source scripts/lib/test-env.sh (the app under test needs it too)");
  const inbox: ParsedMail[] = [];
  const { port, hostname } = new URL(smtpUrl);
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onRcptTo(address, _session, callback) {
      if (address.address.toLowerCase().endsWith("@refused.example")) {
        const error = Object.assign(new Error("5.1.1 No such mailbox here"), { responseCode: 550 });
        return callback(error);
      }
      callback();
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
  const recipients = (mail: ParsedMail) =>
    (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((group) => group.value.map((a) => a.address?.toLowerCase()));
  return {
    inbox,
    to: (address) => inbox.filter((mail) => recipients(mail).includes(address.toLowerCase())),
    calendarOf(mail) {
      const part = mail.attachments.find((a) => a.contentType.startsWith("text/calendar"));
      if (!part) throw new Error(`no calendar part in "${mail.subject}"`);
      return part.content.toString("utf8");
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
