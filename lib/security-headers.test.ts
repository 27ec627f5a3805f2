import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, livekitOrigins, securityHeaders, type SecurityHeaderConfig } from "@/lib/security-headers";

const local: SecurityHeaderConfig = { NODE_ENV: "production", APP_URL: "http://localhost:3000", LIVEKIT_URL: "ws://localhost:7880" };
const deployed: SecurityHeaderConfig = {
  NODE_ENV: "production",
  APP_URL: "https://meet.example.org",
  LIVEKIT_URL: "wss://sfu.example.org",
  OIDC_ISSUER: "https://id.example.org/realms/staff",
};

/** The CSP as directive → sources. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(";").map((part) => {
      const [name = "", ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe("content security policy", () => {
  it("runs only scripts with this response's nonce (and what they load), never inline or eval in production", () => {
    const script = directives(contentSecurityPolicy(local, "abc123==")).get("script-src");
    expect(script).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(script).not.toContain("'unsafe-inline'");
    expect(script).not.toContain("'unsafe-eval'");
  });

  it("compiles WebAssembly (background effects) only on call pages, and never allows eval there", () => {
    for (const page of ["/j/sometoken", "/m/cmeetingid0000000000000"]) {
      const script = directives(contentSecurityPolicy(local, "n", page)).get("script-src");
      expect(script).toContain("'wasm-unsafe-eval'");
      expect(script).not.toContain("'unsafe-eval'");
    }
    for (const page of ["/", "/meetings", "/sign-in", "/api/health"]) {
      expect(directives(contentSecurityPolicy(local, "n", page)).get("script-src")).not.toContain("'wasm-unsafe-eval'");
    }
  });

  it("allows eval only for next dev", () => {
    expect(directives(contentSecurityPolicy({ ...local, NODE_ENV: "development" }, "n")).get("script-src")).toContain("'unsafe-eval'");
  });

  it("connects only to the app and the configured LiveKit, over WebSocket and HTTP", () => {
    expect(directives(contentSecurityPolicy(local, "n")).get("connect-src")).toEqual([
      "'self'",
      "ws://localhost:7880",
      "http://localhost:7880",
    ]);
    expect(directives(contentSecurityPolicy(deployed, "n")).get("connect-src")).toEqual([
      "'self'",
      "wss://sfu.example.org",
      "https://sfu.example.org",
    ]);
    expect(livekitOrigins("wss://sfu.example.org:7443/some/path")).toEqual(["wss://sfu.example.org:7443", "https://sfu.example.org:7443"]);
  });

  it("cannot be framed, has no plugins or base tag, and posts forms only to itself and the SSO provider", () => {
    const csp = directives(contentSecurityPolicy(deployed, "n"));
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'none'"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("form-action")).toEqual(["'self'", "https://id.example.org"]);
    expect(directives(contentSecurityPolicy(local, "n")).get("form-action")).toEqual(["'self'"]);
  });

  it("upgrades insecure requests only when the app is served over https", () => {
    expect(directives(contentSecurityPolicy(deployed, "n")).has("upgrade-insecure-requests")).toBe(true);
    expect(directives(contentSecurityPolicy(local, "n")).has("upgrade-insecure-requests")).toBe(false);
  });
});

describe("security headers", () => {
  it("lets pages use camera, microphone and screen capture, and no other powerful feature", () => {
    const policy = securityHeaders(local, "/m/abc", "n")["Permissions-Policy"] ?? "";
    const features = new Map(policy.split(", ").map((entry) => entry.split("=") as [string, string]));
    for (const feature of ["camera", "microphone", "display-capture"]) expect(features.get(feature), feature).toBe("(self)");
    for (const feature of ["geolocation", "payment", "usb", "bluetooth"]) expect(features.get(feature), feature).toBe("()");
  });

  it("sends no referrer from invite pages, and only the origin cross-site elsewhere", () => {
    expect(securityHeaders(local, "/j/some-token", "n")["Referrer-Policy"]).toBe("no-referrer");
    expect(securityHeaders(local, "/meetings", "n")["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(securityHeaders(local, "/join", "n")["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
  });

  it("sets nosniff and frame denial everywhere, HSTS only over https", () => {
    const plain = securityHeaders(local, "/", "n");
    expect(plain["X-Content-Type-Options"]).toBe("nosniff");
    expect(plain["X-Frame-Options"]).toBe("DENY");
    expect(plain["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders(deployed, "/", "n")["Strict-Transport-Security"]).toBe("max-age=31536000");
  });

  it("makes a new 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});
