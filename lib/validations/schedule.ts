import { z } from "zod";
import { isTimeZone } from "@/lib/meetings/schedule-time";

/** Longest meeting one can schedule, and the shortest. */
export const MAX_DURATION_MINUTES = 24 * 60;
export const MIN_DURATION_MINUTES = 5;
export const MAX_DESCRIPTION_LENGTH = 2000;

export const descriptionSchema = z
  .string()
  .trim()
  .max(MAX_DESCRIPTION_LENGTH, `Descriptions can be at most ${MAX_DESCRIPTION_LENGTH} characters`)
  // Newlines and tabs are fine in a description; other control characters are not.
  .regex(/^(?:[\t\n\r]|\P{Cc})*$/u, "Descriptions cannot contain control characters")
  .transform((text) => (text === "" ? null : text));

/**
 * A schedule as the host enters it: a wall-clock time ("2026-12-01T09:30", what a
 * datetime-local field gives) in the host's IANA time zone, and a duration. The server turns
 * it into an instant (lib/meetings/schedule-time.ts), so the host's browser clock does not matter.
 */
export const scheduleSchema = z
  .object({
    startsAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Enter a start date and time"),
    timeZone: z.string().max(64).refine(isTimeZone, "Choose a time zone from the list"),
    durationMinutes: z
      .number({ error: "Enter a duration in minutes" })
      .int("The duration must be a whole number of minutes")
      .min(MIN_DURATION_MINUTES, `A meeting lasts at least ${MIN_DURATION_MINUTES} minutes`)
      .max(MAX_DURATION_MINUTES, "A meeting can last at most 24 hours"),
    description: descriptionSchema.optional(),
  })
  .strict();

export type ScheduleInput = z.infer<typeof scheduleSchema>;

/** At most this many addresses per "Invite by email". */
export const MAX_INVITATION_EMAILS = 20;

/**
 * Addresses are checked one by one by the domain (a bad one fails alone), so the schema only
 * bounds the list.
 */
export const emailInvitationSchema = z
  .object({
    emails: z
      .array(z.string().max(320, "An address can be at most 320 characters"))
      .min(1, "Enter at least one email address")
      .max(MAX_INVITATION_EMAILS, `At most ${MAX_INVITATION_EMAILS} addresses at a time`),
  })
  .strict();

export const MAX_CHAT_MESSAGE_LENGTH = 1000;

/** A chat message: only the text. Who sent it is what the server knows, never a field here. */
export const chatMessageSchema = z
  .object({
    text: z
      .string({ error: "Type a message" })
      .trim()
      .min(1, "Type a message")
      .max(MAX_CHAT_MESSAGE_LENGTH, `Messages can be at most ${MAX_CHAT_MESSAGE_LENGTH} characters`),
  })
  .strict();
