import { z } from "zod";
import { MEMBER_ROLES } from "@/lib/auth/roles";
import { SIGN_IN_METHODS } from "@/lib/auth/sign-in-method";

export const inviteSchema = z.object({
  email: z
    .email("Enter a valid email address")
    .max(320)
    .transform((s) => s.trim().toLowerCase()),
  name: z
    .string()
    .trim()
    .max(120, "At most 120 characters")
    .optional()
    .transform((s) => s || null),
  role: z.enum(MEMBER_ROLES, "Choose a role"),
  signIn: z.enum(SIGN_IN_METHODS, "Choose how they sign in"),
});

export const changeRoleSchema = z.object({
  memberId: z.string().min(1).max(64),
  role: z.enum(MEMBER_ROLES, "Choose a role"),
});

export const setDisabledSchema = z.object({ memberId: z.string().min(1).max(64), disabled: z.boolean() });

export const decidePromotionSchema = z.object({ memberId: z.string().min(1).max(64), approve: z.boolean() });
export const unlockSchema = z.object({ memberId: z.string().min(1).max(64) });
