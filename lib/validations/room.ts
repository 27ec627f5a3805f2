import { z } from "zod";

/**
 * Characters a display name may not hold, because they are invisible or change how the text
 * around them is shown, so a name could look like someone else's (issue 8):
 * control characters (Cc), format characters (Cf: bidi overrides like U+202E, zero-width
 * spaces and joiners like U+200B), line and paragraph separators (Zl, Zp), private-use,
 * unassigned and lone surrogate code points (Co, Cn, Cs), and the blank "letters" used to
 * fake empty or padded names (Hangul fillers, the braille blank).
 */
export const INVISIBLE_IN_NAMES = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}\p{Cs}\u115F\u1160\u3164\uFFA0\u2800]/u;

/**
 * A display name: trimmed, 1-64 characters, nothing invisible. The one rule for every name
 * a person types (sign-up, joining a meeting).
 */
export const displayNameSchema = z
  .string()
  .trim()
  .min(1, "Please enter your name")
  .max(64, "Names can be at most 64 characters")
  .refine((name) => !INVISIBLE_IN_NAMES.test(name), "Names cannot contain invisible or direction-changing characters");

/**
 * A name that arrives from elsewhere (an identity provider's profile), which we cannot
 * refuse: the invisible characters are removed, and an empty result becomes null.
 */
export function visibleNameOrNull(name: string | null | undefined): string | null {
  const cleaned = (name ?? "").replace(new RegExp(INVISIBLE_IN_NAMES.source, "gu"), "").trim().slice(0, 64);
  return cleaned === "" ? null : cleaned;
}
