/**
 * The security headers of every response, as a pure function of the configuration, the
 * path and the request's nonce (docs/decisions/009-security-headers.md). proxy.ts applies
 * them to pages, lib/http/server-entry.ts to the API; this module has no Next.js or Node dependency so it is unit-tested directly.
 */

export interface SecurityHeaderConfig {
  NODE_ENV: "development" | "production" | "test";
  APP_URL: string;
  LIVEKIT_URL: string;
  OIDC_ISSUER?: string | undefined;
}

/** A fresh, unguessable nonce (128 random bits, base64) for one response. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** The LiveKit origins browsers connect to: WebSocket signalling and its HTTP twin. */
export function livekitOrigins(livekitUrl: string): string[] {
  const url = new URL(livekitUrl);
  const secure = url.protocol === "wss:" || url.protocol === "https:";
  // livekit-client opens the WebSocket and also fetches the same host over HTTP(S)
  // (`/rtc/validate` after a failed connect, a connectivity check before reconnecting).
  return [`${secure ? "wss" : "ws"}://${url.host}`, `${secure ? "https" : "http"}://${url.host}`];
}

/**
 * Pages where a call runs (invite pre-join and the host's start page): only there may
 * WebAssembly be compiled, for the background effects' segmentation runtime (decision 024).
 */
export function isCallPath(pathname: string): boolean {
  return isInvitePath(pathname) || pathname.startsWith("/m/");
}

export function contentSecurityPolicy(config: SecurityHeaderConfig, nonce: string, pathname = "/"): string {
  const https = config.APP_URL.startsWith("https://");
  const formTargets = ["'self'", ...(config.OIDC_ISSUER ? [new URL(config.OIDC_ISSUER).origin] : [])];
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    // Only scripts carrying this response's nonce run, and what they load ('strict-dynamic':
    // Next's chunk loader, the call UI loaded on demand). 'self' is ignored by browsers that
    // understand 'strict-dynamic' and kept for those that do not. `next dev` needs eval.
    // 'wasm-unsafe-eval' compiles WebAssembly (MediaPipe's, served by us) and nothing else: it
    // does not allow eval() or new Function(). Only on call pages.
    [
      "script-src",
      "'self'",
      `'nonce-${nonce}'`,
      "'strict-dynamic'",
      ...(isCallPath(pathname) ? ["'wasm-unsafe-eval'"] : []),
      ...(config.NODE_ENV === "development" ? ["'unsafe-eval'"] : []),
    ],
    // React `style` attributes and LiveKit's components set inline styles; a nonce cannot
    // cover attributes, and CSS cannot run script.
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'", "data:"],
    // Camera and remote tracks are attached with srcObject, which CSP does not govern.
    ["media-src", "'self'", "blob:"],
    ["connect-src", "'self'", ...livekitOrigins(config.LIVEKIT_URL)],
    ["worker-src", "'self'"],
    ["frame-src", "'none'"],
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
    // Chromium also applies form-action to the redirects after a submit, hence the issuer.
    ["form-action", ...formTargets],
    ["frame-ancestors", "'none'"],
    ...(https ? [["upgrade-insecure-requests"] as [string]] : []),
  ];
  return directives.map((parts) => parts.join(" ")).join("; ");
}

/** Powerful features the app uses (calls need camera, microphone, screen) and none other. */
export const PERMISSIONS_POLICY = [
  "camera=(self)",
  "microphone=(self)",
  "display-capture=(self)",
  "fullscreen=(self)",
  "autoplay=(self)",
  "picture-in-picture=(self)",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "hid=()",
  "bluetooth=()",
  "midi=()",
  "accelerometer=()",
  "gyroscope=()",
  "magnetometer=()",
  "browsing-topics=()",
].join(", ");

/** Invite pages carry the token in their URL: they send no Referer at all. */
export function isInvitePath(pathname: string): boolean {
  return pathname === "/j" || pathname.startsWith("/j/");
}

export type SecurityHeaders = Record<string, string> & { "Content-Security-Policy": string };

/**
 * The headers of every API answer (lib/http/server-entry.ts sets them): the same as a page's,
 * except the content policy, which allows nothing to load or run (JSON; next-auth's few HTML
 * answers under /api/auth/ only need their inline styles).
 */
export function apiSecurityHeaders(config: SecurityHeaderConfig): SecurityHeaders {
  return {
    ...securityHeaders(config, "/api/", ""),
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  };
}

export function securityHeaders(config: SecurityHeaderConfig, pathname: string, nonce: string): SecurityHeaders {
  return {
    "Content-Security-Policy": contentSecurityPolicy(config, nonce, pathname),
    "Referrer-Policy": isInvitePath(pathname) ? "no-referrer" : "strict-origin-when-cross-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "X-Content-Type-Options": "nosniff",
    // For browsers without CSP frame-ancestors.
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    // Only over https: a browser ignores it on http, and it would pin a host that is not
    // served over TLS. No includeSubDomains: other hosts of the domain are not ours to pin.
    ...(config.APP_URL.startsWith("https://") && { "Strict-Transport-Security": "max-age=31536000" }),
  };
}
