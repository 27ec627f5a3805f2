import { describe, expect, it } from "vitest";
import { InvalidEnvironmentError, parseServerEnv } from "@/lib/env";

const valid = {
  DATABASE_URL: "postgresql://parley:pw@127.0.0.1:5432/parley",
  AUTH_SECRET: "a".repeat(32),
  LIVEKIT_URL: "ws://localhost:7880",
  LIVEKIT_API_KEY: "parley",
  LIVEKIT_API_SECRET: "s".repeat(32),
};

function problemsOf(source: Record<string, string | undefined>): string[] {
  try {
    parseServerEnv(source);
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) return error.problems;
    throw error;
  }
  return [];
}

describe("server environment", () => {
  it("accepts a complete environment and fills the defaults", () => {
    const env = parseServerEnv(valid);
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.LIVEKIT_API_URL).toBe("http://localhost:7880");
  });

  it("derives the LiveKit API URL from a wss:// client URL", () => {
    expect(parseServerEnv({ ...valid, LIVEKIT_URL: "wss://sfu.example.org" }).LIVEKIT_API_URL).toBe("https://sfu.example.org");
  });

  it.each(Object.keys(valid))("names %s when it is missing", (name) => {
    expect(problemsOf({ ...valid, [name]: undefined })).toEqual([`${name} is required but not set`]);
  });

  it("treats an empty value as missing", () => {
    expect(problemsOf({ ...valid, LIVEKIT_API_SECRET: "" })).toEqual(["LIVEKIT_API_SECRET is required but not set"]);
  });

  it("names every malformed variable with what is wrong", () => {
    const problems = problemsOf({ ...valid, DATABASE_URL: "mysql://x", LIVEKIT_URL: "http://lk", AUTH_SECRET: "short" });
    expect(problems).toHaveLength(3);
    expect(problems).toContain("DATABASE_URL must be a postgresql:// connection URL");
    expect(problems).toContain("LIVEKIT_URL must start with ws:// or wss://");
    expect(problems.find((p) => p.startsWith("AUTH_SECRET"))).toMatch(/at least 32 characters/);
  });
});

describe("sign-in settings (OIDC and SMTP)", () => {
  const oidc = {
    OIDC_ISSUER: "https://id.example.org/realms/staff",
    OIDC_CLIENT_ID: "parley",
    OIDC_CLIENT_SECRET: "s3cret",
  };

  it("leaves single sign-on and magic links off by default, with readable defaults", () => {
    const env = parseServerEnv(valid);
    expect(env.OIDC_ISSUER).toBeUndefined();
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.OIDC_NAME).toBe("Single sign-on");
    expect(env.EMAIL_FROM).toBe("Parley <no-reply@localhost>");
  });

  it("treats empty values as not configured", () => {
    const env = parseServerEnv({ ...valid, OIDC_ISSUER: "", OIDC_NAME: "", SMTP_URL: "" });
    expect(env.OIDC_ISSUER).toBeUndefined();
    expect(env.OIDC_NAME).toBe("Single sign-on");
    expect(env.SMTP_URL).toBeUndefined();
  });

  it("accepts a complete OIDC group and an SMTP URL", () => {
    const env = parseServerEnv({ ...valid, ...oidc, OIDC_NAME: "Acme SSO", SMTP_URL: "smtps://u:p@mail.example.org:465" });
    expect(env).toMatchObject({ ...oidc, OIDC_NAME: "Acme SSO", SMTP_URL: "smtps://u:p@mail.example.org:465" });
  });

  it.each(["OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"])("names %s when OIDC_ISSUER is set without it", (name) => {
    expect(problemsOf({ ...valid, ...oidc, [name]: undefined })).toEqual([`${name} is required when OIDC_ISSUER is set`]);
  });

  it("names both client settings when only the issuer is set", () => {
    expect(problemsOf({ ...valid, OIDC_ISSUER: oidc.OIDC_ISSUER })).toEqual([
      "OIDC_CLIENT_ID is required when OIDC_ISSUER is set",
      "OIDC_CLIENT_SECRET is required when OIDC_ISSUER is set",
    ]);
  });

  it("refuses an issuer that is not an http(s) URL and an SMTP URL of another scheme", () => {
    expect(problemsOf({ ...valid, ...oidc, OIDC_ISSUER: "id.example.org" })).toEqual(["OIDC_ISSUER must be an http(s):// issuer URL"]);
    expect(problemsOf({ ...valid, SMTP_URL: "http://mail.example.org" })).toEqual(["SMTP_URL must be an smtp:// or smtps:// URL"]);
  });
});
