import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";

/**
 * Invite tokens: 256 random bits, base64url (43 characters), carried only in the link.
 *
 * The database keeps a SHA-256 hash for lookup, so a leaked table does not let anyone in.
 * The host must still be able to copy the link again later, so a sealed copy is stored
 * too: AES-256-GCM under a key derived from AUTH_SECRET. Reading a link back needs both
 * the database and the server's secret (docs/decisions/007-invite-tokens.md).
 */
const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface NewInviteToken {
  raw: string;
  hash: string;
}

export function generateInviteToken(): NewInviteToken {
  const raw = randomBytes(TOKEN_BYTES).toString("base64url");
  return { raw, hash: hashInviteToken(raw) };
}

/** True when the string could be a token at all; anything else is rejected unread. */
export function isWellFormedInviteToken(raw: string): boolean {
  return TOKEN_PATTERN.test(raw);
}

export function hashInviteToken(raw: string): string {
  return createHash("sha256").update(raw, "utf8").digest("hex");
}

function sealingKey(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "parley", "invite-token-seal-v1", 32));
}

/** iv.ciphertext.tag, base64url; bound to the invite's hash so copies cannot be swapped. */
export function sealInviteToken(raw: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealingKey(secret), iv);
  cipher.setAAD(Buffer.from(hashInviteToken(raw)));
  const ciphertext = Buffer.concat([cipher.update(raw, "utf8"), cipher.final()]);
  return [iv, ciphertext, cipher.getAuthTag()].map((b) => b.toString("base64url")).join(".");
}

/** The raw token, or null when the sealed value was not made with this secret and hash. */
export function unsealInviteToken(sealed: string, tokenHash: string, secret: string): string | null {
  const [iv, ciphertext, tag] = sealed.split(".").map((part) => Buffer.from(part, "base64url"));
  if (!iv || !ciphertext || !tag) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", sealingKey(secret), iv);
    decipher.setAAD(Buffer.from(tokenHash));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
