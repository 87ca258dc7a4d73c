"use server";

import { defineAction } from "@/lib/actions/define";
import { changeOwnPassword, endOtherOwnSessions, endOwnSession } from "@/lib/account";
import { changePasswordSchema, endOtherSessionsSchema, endSessionSchema } from "@/lib/account/account.schema";

// The only action allowed before a one-time password is replaced is the change itself
// (ALLOWED_BEFORE_PASSWORD_CHANGE in lib/actions/registry.ts).
const changePassword = defineAction({
  name: "account.changePassword",
  input: changePasswordSchema,
  run: changeOwnPassword,
});
const endSession = defineAction({ name: "account.endSession", input: endSessionSchema, run: endOwnSession });
const endOthers = defineAction({
  name: "account.endOtherSessions",
  input: endOtherSessionsSchema,
  run: endOtherOwnSessions,
});

export async function changePasswordAction(raw: unknown) {
  return changePassword(raw);
}

export async function endSessionAction(raw: unknown) {
  return endSession(raw);
}

export async function endOtherSessionsAction(raw: unknown) {
  return endOthers(raw);
}
