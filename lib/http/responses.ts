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

/** Reads and validates a JSON body; on failure returns the 4xx response to send. */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<Parsed<z.infer<S>>> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_JSON_BODY_BYTES) {
    return { ok: false, response: apiError(413, "body_too_large", "The request body is too large.") };
  }
  const text = await request.text();
  if (text.length > MAX_JSON_BODY_BYTES) {
    return { ok: false, response: apiError(413, "body_too_large", "The request body is too large.") };
  }
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
