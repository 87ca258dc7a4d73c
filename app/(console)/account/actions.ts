"use server";

import { defineAction } from "@/lib/actions/define";
import { changeOwnPassword, endOtherOwnSessions, endOwnSession } from "@/lib/account";
import { changePasswordSchema, endOtherSessionsSchema, endSessionSchema } from "@/lib/account/account.schema";

// The only action allowed before a one-time password is replaced is the change itself
// (ALLOWED_BEFORE_PASSWORD_CHANGE in lib/actions/registry.ts).
export const changePasswordAction = defineAction({
  name: "account.changePassword",
  input: changePasswordSchema,
  run: changeOwnPassword,
});
export const endSessionAction = defineAction({
  name: "account.endSession",
  input: endSessionSchema,
  run: endOwnSession,
});
export const endOtherSessionsAction = defineAction({
  name: "account.endOtherSessions",
  input: endOtherSessionsSchema,
  run: endOtherOwnSessions,
});
