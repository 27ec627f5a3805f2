import type { z } from "zod";

/** The one shape of every API error: a message a person can act on, plus details. */
export interface ApiErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

export function apiError(status: number, code: string, message: string, issues?: z.core.$ZodIssue[]) {
  const body: ApiErrorBody = {
    error: {
      code,
      message,
      ...(issues && { issues: issues.map((i) => ({ path: i.path.join("."), message: i.message })) }),
    },
  };
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

/** Largest JSON body any Parley route accepts; bigger bodies are refused unread. */
export const MAX_JSON_BODY_BYTES = 16 * 1024;

export type Parsed<T> = { ok: true; data: T } | { ok: false; response: Response };

const bodyTooLarge = (maxBytes: number) =>
  apiError(413, "body_too_large", `The request body is too large (at most ${Math.round(maxBytes / 1024)} KB).`);

/**
 * Reads a body as text, never holding more than `maxBytes` of it: refused by its declared
 * Content-Length before reading anything, and while streaming once the bytes read pass the
 * limit (a chunked body has no length to check). The rest is never read. A body that stops
 * arriving (the caller hung up mid-request) is a 400, not an unexpected error logged as a
 * 500: nobody is there to read the answer, and the route has not acted on the request.
 */
export async function readBodyWithin(request: Request, maxBytes: number): Promise<Parsed<string>> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) return { ok: false, response: bodyTooLarge(maxBytes) };
  if (!request.body) return { ok: true, data: "" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      return { ok: false, response: apiError(400, "incomplete_body", "The request body did not arrive in full. Please try again.") };
    }
    const { done, value } = chunk;
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, response: bodyTooLarge(maxBytes) };
    }
    chunks.push(value);
  }
  return { ok: true, data: Buffer.concat(chunks).toString("utf8") };
}

/** Reads and validates a JSON body; on failure returns the 4xx response to send. */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<Parsed<z.infer<S>>> {
  const read = await readBodyWithin(request, MAX_JSON_BODY_BYTES);
  if (!read.ok) return read;
  const text = read.data;
  let json: unknown;
  try {
    json = text === "" ? {} : JSON.parse(text);
  } catch {
    return { ok: false, response: apiError(400, "invalid_json", "The request body is not valid JSON.") };
  }
  return parseWith(schema, json);
}

export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.infer<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const first = result.error.issues[0];
  const message = first ? `${first.path.join(".") || "input"}: ${first.message}` : "Invalid input.";
  return { ok: false, response: apiError(422, "invalid_input", message, result.error.issues) };
}
