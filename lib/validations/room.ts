import { z } from "zod";

/** A display name: trimmed, 1-64 characters, no control characters. */
export const displayNameSchema = z
  .string()
  .trim()
  .min(1, "Please enter your name")
  .max(64, "Names can be at most 64 characters")
  .regex(/^[^\p{Cc}]*$/u, "Names cannot contain control characters");
