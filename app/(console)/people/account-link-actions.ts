"use server";

import { defineAction } from "@/lib/actions/define";
import { dismissAccountUser, linkAccountUser, unlinkAccountUser } from "@/lib/people";
import { accountUserSchema } from "@/lib/people/account-links.schema";

// A person's IAM user in another AWS account: an operator confirms a suggestion (Link), says it
// is not this person (Dismiss), or takes a link back (Unlink). All audited in lib/people; the person's page is re-read after each.
export const linkAccountUserAction = defineAction({
  name: "people.linkAccountUser",
  input: accountUserSchema,
  run: linkAccountUser,
  revalidate: (r) => `/people/${r.id}`,
});

export const unlinkAccountUserAction = defineAction({
  name: "people.unlinkAccountUser",
  input: accountUserSchema,
  run: unlinkAccountUser,
  revalidate: (r) => `/people/${r.id}`,
});

export const dismissAccountUserAction = defineAction({
  name: "people.dismissAccountUser",
  input: accountUserSchema,
  run: dismissAccountUser,
  revalidate: (r) => `/people/${r.id}`,
});
