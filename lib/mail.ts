import nodemailer, { type Transporter } from "nodemailer";
import { serverEnv } from "@/lib/env";

/**
 * Outgoing mail for meeting invitations, through the SMTP server in SMTP_URL (the same one
 * magic links use). Null when SMTP_URL is not set: callers then say how to turn email on.
 */
let transport: Transporter | undefined;

export function mailTransport(): Transporter | null {
  const env = serverEnv();
  if (!env.SMTP_URL) return null;
  transport ??= nodemailer.createTransport(env.SMTP_URL, { from: env.EMAIL_FROM });
  return transport;
}

export function emailConfigured(): boolean {
  return Boolean(serverEnv().SMTP_URL);
}

/** The bare address of EMAIL_FROM ("Parley <no-reply@example.org>" → "no-reply@example.org"). */
export function senderAddress(): string {
  const from = serverEnv().EMAIL_FROM;
  return /<([^>]+)>/.exec(from)?.[1] ?? from;
}

/** What went wrong with one mail, in words a host can act on (the server's reply when there is one). */
export function describeMailError(error: unknown): string {
  const e = error as { code?: string; response?: string; responseCode?: number; message?: string };
  if (e.response) return `The mail server refused it: ${e.response}`;
  if (e.code === "ECONNECTION" || e.code === "ESOCKET" || e.code === "ETIMEDOUT" || e.code === "EDNS") {
    return "The mail server could not be reached. Try again later.";
  }
  return e.message ? `Sending failed: ${e.message}` : "Sending failed.";
}
