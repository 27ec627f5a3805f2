import { describe, expect, it, vi } from "vitest";

// Count argon2 verifications, to prove every failed sign-in does the same work.
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const real = await importOriginal<typeof import("@node-rs/argon2")>();
  return { ...real, verify: vi.fn(real.verify) };
});

const argon2 = await import("@node-rs/argon2");
const { authenticateWithPassword, hashPassword, signUpWithPassword, verifyPassword } = await import("@/lib/passwords");
type PasswordAccountStore = import("@/lib/passwords").PasswordAccountStore;

const PASSWORD = "correct horse battery staple";

async function storeWith(accounts: { email: string; passwordHash: string | null }[]) {
  const rows = accounts.map((a, i) => ({ id: `user-${i}`, name: `User ${i}`, ...a }));
  const created: { name: string; email: string; passwordHash: string }[] = [];
  const store: PasswordAccountStore = {
    findByEmail: async (email) => rows.find((r) => r.email === email) ?? null,
    create: async (data) => {
      if (rows.some((r) => r.email === data.email)) return null;
      created.push(data);
      rows.push({ id: `user-${rows.length}`, ...data });
      return { id: `user-${rows.length - 1}`, name: data.name, email: data.email };
    },
  };
  return { store, created };
}

describe("password hashing", () => {
  it("hashes with argon2id at OWASP's parameters, salted, never containing the password", async () => {
    const first = await hashPassword(PASSWORD);
    const second = await hashPassword(PASSWORD);
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain(PASSWORD);
  });

  it("verifies the right password and refuses a wrong one", async () => {
    const hash = await hashPassword(PASSWORD);
    expect(await verifyPassword(hash, PASSWORD)).toBe(true);
    expect(await verifyPassword(hash, `${PASSWORD}!`)).toBe(false);
  });

  it("treats a malformed stored hash as a mismatch instead of throwing", async () => {
    expect(await verifyPassword("not-a-hash", PASSWORD)).toBe(false);
  });
});

describe("signing in with a password", () => {
  it("returns the account, without its hash, for the right password", async () => {
    const { store } = await storeWith([{ email: "ada@example.com", passwordHash: await hashPassword(PASSWORD) }]);
    expect(await authenticateWithPassword(store, "ada@example.com", PASSWORD)).toEqual({
      id: "user-0",
      name: "User 0",
      email: "ada@example.com",
    });
  });

  it.each([
    ["a wrong password", "ada@example.com", "wrong password 123"],
    ["an unknown email", "nobody@example.com", PASSWORD],
    ["an account that has no password (SSO or magic link only)", "sso@example.com", PASSWORD],
  ])("fails the same way for %s, after one argon2 verification", async (_, email, password) => {
    const { store } = await storeWith([
      { email: "ada@example.com", passwordHash: await hashPassword(PASSWORD) },
      { email: "sso@example.com", passwordHash: null },
    ]);
    vi.mocked(argon2.verify).mockClear();
    expect(await authenticateWithPassword(store, email, password)).toBeNull();
    expect(argon2.verify).toHaveBeenCalledTimes(1);
  });
});

describe("signing up with a password", () => {
  it("stores an argon2id hash of the password, not the password", async () => {
    const { store, created } = await storeWith([]);
    const result = await signUpWithPassword(store, { name: "Ada", email: "ada@example.com", password: PASSWORD });
    expect(result).toEqual({ ok: true, account: { id: "user-0", name: "Ada", email: "ada@example.com" } });
    expect(created).toHaveLength(1);
    expect(created[0]?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(created[0]!.passwordHash, PASSWORD)).toBe(true);
  });

  it("reports a taken email and creates nothing", async () => {
    const { store, created } = await storeWith([{ email: "ada@example.com", passwordHash: null }]);
    const result = await signUpWithPassword(store, { name: "Eve", email: "ada@example.com", password: PASSWORD });
    expect(result).toEqual({ ok: false, reason: "email_taken" });
    expect(created).toHaveLength(0);
  });
});
