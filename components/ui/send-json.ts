/**
 * Sends a JSON request from the browser; resolves to null on success, or to the message a
 * person should see (the API's own error message, or a network one).
 */
export async function sendJson(url: string, method: "POST" | "PATCH", body?: unknown): Promise<string | null> {
  const response = await fetch(url, {
    method,
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).catch(() => null);
  if (response?.ok) return null;
  const json = await response?.json().catch(() => null);
  return json?.error?.message ?? "Could not reach the server. Try again.";
}
