import { z } from "zod";
import { accountsField } from "./accounts.schema";

// The input of the jobrole.accounts kind, importable by forms and the request actions.

export const jobRoleAccountsInput = z.object({
  jobRole: z.string().trim().min(1, "Name the job role").max(64),
  /** Every account the job role's group should be in afterwards (the app's own may be one). */
  accounts: accountsField,
});
export type JobRoleAccountsInput = z.infer<typeof jobRoleAccountsInput>;
