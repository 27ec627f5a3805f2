import { randomBytes } from "node:crypto";
import { hash, verify, type Algorithm } from "@node-rs/argon2";

/**
 * Password hashing and the two password flows (sign-up, sign-in) as plain functions over a
 * small store interface, so they are unit-tested without a database and the route handlers
 * stay thin. See docs/decisions/006-authentication.md.
 */

// `Algorithm` is a const enum in the typings and absent at run time (isolatedModules cannot
// inline it), so the value is spelled out: 2 = Argon2id.
const ARGON2ID = 2 as Algorithm;

/** OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): ~30-60 ms per hash on a small server. */
export const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/** True when `password` matches `passwordHash`; a malformed stored hash counts as no match. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A hash of a random password nobody knows, verified against when the email has no password
// account, so "no such account" costs the same argon2 work as "wrong password".
let dummyHash: Promise<string> | undefined;
function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(32).toString("base64url"));
  return dummyHash;
}

export interface PasswordAccount {
  id: string;
  name: string | null;
  email: string | null;
}

export interface PasswordAccountStore {
  findByEmail(email: string): Promise<(PasswordAccount & { passwordHash: string | null }) | null>;
  /** Creates the user; returns null when the email is already taken (unique constraint). */
  create(data: { name: string; email: string; passwordHash: string }): Promise<PasswordAccount | null>;
}

/**
 * Checks an email and password. Returns the account, or null for every kind of failure
 * (unknown email, account without a password, wrong password) so callers cannot tell them
 * apart, and does one argon2 verification in every case so timing does not tell either.
 */
export async function authenticateWithPassword(
  store: PasswordAccountStore,
  email: string,
  password: string,
): Promise<PasswordAccount | null> {
  const account = await store.findByEmail(email);
  if (!account?.passwordHash) {
    await verifyPassword(await dummyPasswordHash(), password);
    return null;
  }
  if (!(await verifyPassword(account.passwordHash, password))) return null;
  return { id: account.id, name: account.name, email: account.email };
}

export type SignUpResult = { ok: true; account: PasswordAccount } | { ok: false; reason: "email_taken" };

/** Creates a password account. Input is already validated (lib/validations/auth.ts). */
export async function signUpWithPassword(
  store: PasswordAccountStore,
  input: { name: string; email: string; password: string },
): Promise<SignUpResult> {
  const passwordHash = await hashPassword(input.password);
  // The unique index on User.email decides, not a prior lookup, so two concurrent sign-ups
  // with one email cannot both succeed.
  const account = await store.create({ name: input.name, email: input.email, passwordHash });
  return account ? { ok: true, account } : { ok: false, reason: "email_taken" };
}
