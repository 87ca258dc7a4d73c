"use server";

import { defineAction } from "@/lib/actions/define";
import { createChangeRequest } from "@/lib/changes";
import { jobRoleRequireMfaInput, userRequireMfaInput } from "@/lib/changes/kinds/credential-hygiene.schema";
import { setKeyPolicy } from "@/lib/review";
import { keyPolicySchema } from "@/lib/review/review.schema";
import { requireMfaTemplate } from "@/lib/templates";

// Requiring MFA saves the GatehouseRequireMFA template's first version when it does not exist yet
// (audited as the requester's template.created), so the request can publish it: one request, not two.
const created = (r: { id: string; number: number }) => ({ id: r.id, number: r.number });

export const requireUserMfaAction = defineAction({
  name: "credentials.requireMfa",
  input: userRequireMfaInput,
  revalidate: "/requests",
  run: async (input, actor) => {
    await requireMfaTemplate(actor);
    return created(await createChangeRequest("user.require-mfa", input, actor));
  },
});

export const jobRoleMfaAction = defineAction({
  name: "credentials.jobRoleMfa",
  input: jobRoleRequireMfaInput,
  revalidate: "/requests",
  run: async (input, actor) => {
    if (input.require) await requireMfaTemplate(actor);
    return created(await createChangeRequest("jobrole.require-mfa", input, actor));
  },
});

export const setKeyPolicyAction = defineAction({
  name: "credentials.setKeyPolicy",
  input: keyPolicySchema,
  revalidate: "/review/credentials",
  run: (input, actor) => setKeyPolicy(input, actor.email),
});
