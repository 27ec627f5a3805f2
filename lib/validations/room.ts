import { z } from "zod";

/** A display name: trimmed, 1-64 characters, no control characters. */
export const displayNameSchema = z
  .string()
  .trim()
  .min(1, "Please enter your name")
  .max(64, "Names can be at most 64 characters")
  .regex(/^[^\p{Cc}]*$/u, "Names cannot contain control characters");

export const devRoomNameSchema = z
  .string()
  .regex(/^[a-z0-9-]{3,64}$/, "Room names use 3-64 lowercase letters, digits and dashes");

export const devTokenRequestSchema = z.object({ name: displayNameSchema }).strict();
