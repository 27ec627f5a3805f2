import { z } from "zod";
import { displayNameSchema } from "@/lib/validations/room";
import { descriptionSchema, scheduleSchema } from "@/lib/validations/schedule";

export const MAX_PARTICIPANTS_LIMIT = 100;

export const meetingIdSchema = z.string().regex(/^c[a-z0-9]{20,30}$/, "not a meeting id");

export const createMeetingSchema = z
  .object({
    title: z
      .string()
      .trim()
      .max(100, "Titles can be at most 100 characters")
      .regex(/^[^\p{Cc}]*$/u, "Titles cannot contain control characters")
      .optional()
      .transform((title) => (title === "" ? undefined : title)),
    guestsAllowed: z.boolean().default(true),
    maxParticipants: z
      .number()
      .int("Max participants must be a whole number")
      .min(2, "A meeting needs room for at least 2 people")
      .max(MAX_PARTICIPANTS_LIMIT, `Meetings can have at most ${MAX_PARTICIPANTS_LIMIT} participants`)
      .default(50),
    /** End-to-end encrypted media and chat; the key is made in the host's browser, never sent. */
    e2ee: z.boolean().default(false),
    description: descriptionSchema.optional(),
    /** Without it the meeting is ad hoc ("start now" or whenever the host opens it). */
    schedule: scheduleSchema.omit({ description: true }).optional(),
  })
  .strict();

export type CreateMeetingInput = z.infer<typeof createMeetingSchema>;

/** Joining: guests must give a name; signed-in people may keep their account name. */
export const joinRequestSchema = z.object({ name: displayNameSchema.optional() }).strict();
