import type { z } from "zod";
import { handleRoute } from "@/lib/http/handle";
import { loadMeetingContext, type MeetingContext } from "@/lib/http/meeting-context";
import { parseJsonBody, parseWith } from "@/lib/http/responses";
import { InviteNotFound, KnockNotFound } from "@/lib/meetings/errors";
import { inviteIdSchema, knockIdSchema } from "@/lib/validations/moderation";

/** What Next passes a route under app/api/meetings/[meetingId]/…: its URL parameters. */
export interface MeetingRouteContext<P> {
  params: Promise<P & { meetingId: string }>;
}

export type MeetingRequest<P> = MeetingContext & { params: P; request: Request };

/**
 * The one shape of a meeting route: load the meeting and who is asking (loadMeetingContext:
 * 404 for an unknown meeting, the actor's role from the database), then run the handler,
 * which authorizes through a named assertion in the domain (assertHost, assertModerator) and
 * answers. Errors are mapped in one place (handleRoute).
 */
export function meetingRoute<P = object>(handler: (input: MeetingRequest<P>) => Promise<Response>) {
  return (request: Request, context: MeetingRouteContext<P>) =>
    handleRoute(async () => {
      const params = await context.params;
      return handler({ ...(await loadMeetingContext(params.meetingId)), params, request });
    });
}

/** meetingRoute for routes with a JSON body: a body that fails `schema` is answered 4xx first. */
export function meetingRouteWithBody<S extends z.ZodType, P = object>(
  schema: S,
  handler: (input: MeetingRequest<P>, body: z.infer<S>) => Promise<Response>,
) {
  return meetingRoute<P>(async (input) => {
    const body = await parseJsonBody(input.request, schema);
    return body.ok ? handler(input, body.data) : body.response;
  });
}

/** An invite id from the URL; anything Parley would not assign is a 404. */
export function parseInviteId(raw: string): string {
  const parsed = parseWith(inviteIdSchema, raw);
  if (!parsed.ok) throw new InviteNotFound();
  return parsed.data;
}

/** A lobby knock id from the URL; anything Parley would not assign is a 404. */
export function parseKnockId(raw: string): string {
  const parsed = parseWith(knockIdSchema, raw);
  if (!parsed.ok) throw new KnockNotFound();
  return parsed.data;
}
