import { z } from "zod";
import { iamNameSchema } from "@/lib/iam/names.schema";

/** IAM's own rule for user names (lib/iam/names.schema.ts). */
export const iamUserNameSchema = iamNameSchema("user");

export const employeeSchema = z.object({
  name: z.string().trim().min(1, "Enter a name").max(120, "At most 120 characters"),
  email: z
    .email("Enter a valid email address")
    .max(320)
    .transform((s) => s.trim().toLowerCase()),
  jobRole: z
    .string()
    .trim()
    .max(64)
    .optional()
    .transform((s) => s || null),
});

export const updateEmployeeSchema = employeeSchema.extend({ id: z.string().min(1).max(64) });

export const linkUserSchema = z.object({
  employeeId: z.string().min(1).max(64),
  iamUserName: iamUserNameSchema,
});

export const peopleFilterSchema = z.object({
  q: z.string().trim().max(100).optional(),
  jobRole: z.string().trim().max(64).optional(),
  access: z.enum(["any", "none", "console", "programmatic", "both"]).optional(),
  status: z.enum(["active", "offboarded", "all"]).optional(),
});

export type PeopleFilter = z.infer<typeof peopleFilterSchema>;
