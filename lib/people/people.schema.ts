import { z } from "zod";

/** IAM's own rule for user names: 1–64 of letters, digits and + = , . @ _ - */
export const iamUserNameSchema = z
  .string()
  .trim()
  .min(1, "Enter a user name")
  .max(64, "IAM user names are at most 64 characters")
  .regex(/^[\w+=,.@-]+$/, "Use only letters, digits and + = , . @ _ -");

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
