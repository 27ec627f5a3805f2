import { ParticipantNotFound } from "@/lib/meetings/errors";
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
