import type { JsonAnswer } from "../cloudtrail/handler";
import type { Accounts } from "../model/accounts";
import type { IamError } from "../model/errors";
import { managementOnly, notInUse, OrganizationsError, type OrgInput } from "./errors";
import { OPERATIONS, resourceArn, resourceIdOf, TAGGABLE_ID } from "./operations";

// AWS Organizations over JSON 1.1 on the sandbox's one endpoint (docs/iam-facts.md#organizations):
// X-Amz-Target AWSOrganizationsV20161128.<Operation>, signed for service "organizations".

const TARGET = /^AWSOrganizationsV20161128\.(\w+)$/;

export function isOrganizationsTarget(target: unknown): target is string {
  return typeof target === "string" && TARGET.test(target);
}

export function organizationsOperation(target: string): string {
  return TARGET.exec(target)?.[1] ?? "";
}

export interface OrganizationsCall {
  accounts: Accounts;
  /** the account whose credentials signed the request */
  callerAccount: string;
  /** the caller's policies on organizations:<operation> and `resource`: the refusal, or undefined */
  authorize: (operation: string, resource: string) => IamError | undefined;
}

/** The operations that change the organization (the state file is then written). */
export const ORGANIZATIONS_WRITES = new Set(["RemoveAccountFromOrganization"]);

function parseInput(body: string): OrgInput {
  let input: unknown;
  try {
    input = body.trim() ? JSON.parse(body) : {};
  } catch {
    throw new OrganizationsError("SerializationException", "The request body is not valid JSON.");
  }
  if (!input || typeof input !== "object" || Array.isArray(input))
    throw new OrganizationsError("SerializationException", "The request body must be a JSON object.");
  return input as OrgInput;
}

/**
 * One request, after authentication: the caller's policies decide first (as IAM does before any
 * service looks at the request), then an account outside any organization is told so, then a
 * member account may only describe the organization; everything else needs the management account.
 */
export function handleOrganizations(target: string, body: string, call: OrganizationsCall): JsonAnswer {
  const operation = organizationsOperation(target);
  try {
    if (!Object.hasOwn(OPERATIONS, operation))
      throw new OrganizationsError("UnknownOperationException", `The sandbox does not offer ${operation}.`);
    const input = parseInput(body);
    const org = call.accounts.organization;
    const id = resourceIdOf(operation, input);
    const resource = org && id && TAGGABLE_ID.test(id) ? resourceArn(org, id) : "*";
    const refused = call.authorize(operation, resource);
    if (refused) throw new OrganizationsError("AccessDeniedException", refused.message);
    // an account that left (or never joined) is in no organization
    if (!org || !org.accounts.some((a) => a.id === call.callerAccount)) throw notInUse();
    if (operation !== "DescribeOrganization" && call.callerAccount !== org.managementAccountId)
      throw managementOnly();
    return { status: 200, body: OPERATIONS[operation](org, input) };
  } catch (e) {
    if (e instanceof OrganizationsError) return e.answer();
    throw e;
  }
}
