import { z } from "zod";
import { INVITABLE_ROLES } from "@/lib/meetings/roles";

/** LiveKit identities Parley assigns (lib/meetings/roles.ts): user_<cuid> or guest_<uuid>. */
export const identitySchema = z.string().regex(/^(user_c[a-z0-9]{20,30}|guest_[0-9a-f-]{36})$/, "not a participant");

export const inviteIdSchema = z.string().regex(/^c[a-z0-9]{20,30}$/, "not an invite id");
export const knockIdSchema = z.string().regex(/^c[a-z0-9]{20,30}$/, "not a request id");

export const muteSchema = z.object({ source: z.enum(["microphone", "camera"]) }).strict();
export const coHostSchema = z.object({ coHost: z.boolean() }).strict();
export const stageSchema = z.object({ onStage: z.boolean() }).strict();
export const decisionSchema = z.object({ admit: z.boolean() }).strict();

export const settingsSchema = z
  .object({ locked: z.boolean().optional(), lobbyEnabled: z.boolean().optional() })
  .strict()
  .refine((s) => s.locked !== undefined || s.lobbyEnabled !== undefined, "Nothing to change");

export const createInviteSchema = z
  .object({
    role: z.enum(INVITABLE_ROLES),
    expiresInMinutes: z
      .number()
      .int()
      .min(5, "At least 5 minutes")
      .max(60 * 24 * 30, "At most 30 days")
      .optional(),
    maxUses: z.number().int().min(1, "At least 1 use").max(1000, "At most 1000 uses").optional(),
  })
  .strict();

/** Your own hand: up or down. */
export const handSchema = z.object({ raised: z.boolean() }).strict();
/** A moderator can only lower someone else's hand, never raise it for them. */
export const lowerHandSchema = z.object({ raised: z.literal(false) }).strict();
