"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define";
import { addAccount, checkAccount, discoverAccounts, removeAccount } from "@/lib/aws-accounts";
import { accountIdSchema, addAccountSchema } from "@/lib/aws-accounts/accounts.schema";

export const addAccountAction = defineAction({
  name: "accounts.add",
  input: addAccountSchema,
  revalidate: "/accounts",
  run: addAccount,
});
export const removeAccountAction = defineAction({
  name: "accounts.remove",
  input: accountIdSchema,
  revalidate: "/accounts",
  run: removeAccount,
});
export const checkAccountAction = defineAction({
  name: "accounts.check",
  input: accountIdSchema,
  revalidate: "/accounts",
  run: (input) => checkAccount(input),
});
export const discoverAccountsAction = defineAction({
  name: "accounts.discover",
  input: z.object({}),
  revalidate: "/accounts",
  run: (_input, actor) => discoverAccounts(actor),
});
