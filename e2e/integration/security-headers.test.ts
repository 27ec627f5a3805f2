/**
 * The security headers of real responses from the running app
 * (docs/decisions/009-security-headers.md): a CSP whose nonce is the one on the page's
 * scripts, no framing, LiveKit as the only other place to connect to, and the
 * permissions, referrer and sniffing policies.
 */
import { describe, expect, it } from "vitest";
import { startSecondInstance } from "./support/second-instance";
import { api, appUrl } from "./support/stack";

function directives(csp: string | null): Map<string, string[]> {
  expect(csp, "Content-Security-Policy header").toBeTruthy();
  return new Map(
    (csp ?? "").split(";").map((part) => {
      const [name = "", ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

function nonceOf(csp: Map<string, string[]>): string {
  const source = csp.get("script-src")?.find((s) => s.startsWith("'nonce-"));
  expect(source, "script-src has a nonce").toBeDefined();
  return (source as string).slice("'nonce-".length, -1);
}

const livekitUrl = new URL(process.env.LIVEKIT_URL ?? "ws://localhost:7890");

describe("pages", () => {
  it.each(["/", "/sign-in", "/sign-up", "/check-email", "/a-page-that-does-not-exist"])(
    "%s runs only scripts that carry this response's CSP nonce",
    async (path) => {
      const response = await api(path);
      const csp = directives(response.headers.get("content-security-policy"));
      const nonce = nonceOf(csp);
      expect(csp.get("script-src")).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);

      const html = await response.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    },
  );

  it("gets a different nonce on every response", async () => {
    const [a, b] = await Promise.all([api("/sign-in"), api("/sign-in")]);
    expect(nonceOf(directives(a.headers.get("content-security-policy")))).not.toBe(
      nonceOf(directives(b.headers.get("content-security-policy"))),
    );
  });

  it("cannot be framed, and connects only to the app and the configured LiveKit", async () => {
    const response = await api("/sign-in");
    const csp = directives(response.headers.get("content-security-policy"));
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    const http = livekitUrl.protocol === "wss:" ? "https:" : "http:";
    expect(csp.get("connect-src")).toEqual(["'self'", `${livekitUrl.protocol}//${livekitUrl.host}`, `${http}//${livekitUrl.host}`]);
  });

  it("allows camera, microphone and screen capture for the app itself, and not geolocation or payment", async () => {
    const policy = (await api("/")).headers.get("permissions-policy") ?? "";
    for (const feature of ["camera=(self)", "microphone=(self)", "display-capture=(self)", "geolocation=()", "payment=()"]) {
      expect(policy).toContain(feature);
    }
  });

  it("sends only the origin cross-site, and no referrer at all from invite pages", async () => {
    expect((await api("/sign-in")).headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    const invite = await api("/j/not-a-real-invite-token");
    expect(invite.status).toBe(404);
    expect(invite.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("sets nosniff on pages, API answers and static files, and no HSTS over plain http", async () => {
    const page = await api("/");
    const script = /<script\b[^>]*\bsrc="([^"]+)"/.exec(await page.text())?.[1];
    expect(script).toBeDefined();
    for (const response of [page, await api("/api/health"), await api(script as string)]) {
      expect(response.headers.get("x-content-type-options"), response.url).toBe("nosniff");
    }
    expect(appUrl.startsWith("http://")).toBe(true);
    expect(page.headers.get("strict-transport-security")).toBeNull();
  });
});

describe("API answers", () => {
  it("let nothing load or run, cannot be framed, and keep the other headers pages get", async () => {
    for (const response of [await api("/api/health"), await api("/api/meetings/not-a-meeting/token", { method: "POST" })]) {
      const csp = directives(response.headers.get("content-security-policy"));
      expect(csp.get("default-src"), response.url).toEqual(["'none'"]);
      expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
      expect(csp.has("script-src")).toBe(false);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(response.headers.get("permissions-policy")).toContain("geolocation=()");
    }
  });
});

describe("cookies and transport security", () => {
  it("are httpOnly and SameSite=Lax, and not Secure over plain http", async () => {
    const csrf = await api("/api/auth/csrf");
    const cookies = csrf.headers.getSetCookie();
    expect(cookies.length).toBeGreaterThan(0);
    for (const line of cookies) {
      expect(line).toMatch(/;\s*HttpOnly/i);
      expect(line).toMatch(/;\s*SameSite=Lax/i);
      expect(line).not.toMatch(/^__(Secure|Host)-/);
    }
  });

  it("become Secure, with HSTS and upgraded requests, when APP_URL is https", async () => {
    const https = await startSecondInstance({ APP_URL: "https://meet.parley.test" });
    try {
      const csrf = await fetch(`${https.url}/api/auth/csrf`);
      const cookies = csrf.headers.getSetCookie();
      expect(cookies.length).toBeGreaterThan(0);
      for (const line of cookies) {
        expect(line).toMatch(/^__(Secure|Host)-next-auth\./);
        expect(line).toMatch(/;\s*Secure/i);
        expect(line).toMatch(/;\s*HttpOnly/i);
      }
      const page = await fetch(`${https.url}/sign-in`);
      expect(page.headers.get("strict-transport-security")).toBe("max-age=31536000");
      expect(directives(page.headers.get("content-security-policy")).has("upgrade-insecure-requests")).toBe(true);
    } finally {
      await https.stop();
    }
  });
});
