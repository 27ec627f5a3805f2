import type { z } from "zod";
import type { Meeting } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/meetings/actors";
import { ParticipantNotFound } from "@/lib/meetings/errors";
import { handleRoute } from "@/lib/http/handle";
import { loadMeetingContext } from "@/lib/http/meeting-context";
import { parseJsonBody } from "@/lib/http/responses";
import { identitySchema } from "@/lib/validations/moderation";

export interface ParticipantRouteContext {
  params: Promise<{ meetingId: string; identity: string }>;
}

/** A participant identity from the URL; anything Parley would not assign is a 404. */
export function parseIdentity(raw: string): string {
  const parsed = identitySchema.safeParse(raw);
  if (!parsed.success) throw new ParticipantNotFound();
  return parsed.data;
}

/**
 * The shape every "act on one participant" route shares: load the meeting and the caller's
 * role, parse the identity and the JSON body, then run the domain action.
 */
export function participantAction<S extends z.ZodType>(
  schema: S,
  act: (meeting: Meeting, actor: Actor, identity: string, body: z.infer<S>) => Promise<unknown>,
) {
  return (request: Request, context: ParticipantRouteContext) =>
    handleRoute(async () => {
      const params = await context.params;
      const { meeting, actor } = await loadMeetingContext(params.meetingId);
      const identity = parseIdentity(params.identity);
      const body = await parseJsonBody(request, schema);
      if (!body.ok) return body.response;
      return Response.json(await act(meeting, actor, identity, body.data));
    });
}
