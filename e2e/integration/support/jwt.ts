/** Reads a JWT's claims without verifying it (the test only inspects what was issued). */
export function jwtClaims(token: string): Record<string, unknown> & { video?: Record<string, unknown> } {
  const payload = token.split(".")[1];
  if (!payload) throw new Error("not a JWT");
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
}
