import { singleAccount, type Accounts } from "../model/accounts";
import { emptyState } from "../model/state";
import { exampleCompany } from "./example-company";
import { exampleOrg } from "./example-org";
import { generateOrg, generateOrganization, type GeneratorSpec } from "./generator";

export type SeedSpec = "empty" | "example-company" | "example-org" | GeneratorSpec;

export const SEED_NAMES = ["example-company", "example-org", "empty"] as const;

/** The accounts a seed starts with: one account, or an organization (example-org, `accounts` > 1). */
export function buildSeed(spec: SeedSpec, accountId: string): Accounts {
  if (spec === "empty") return singleAccount(emptyState(accountId));
  if (spec === "example-company") return singleAccount(exampleCompany(accountId));
  if (spec === "example-org") return exampleOrg(accountId);
  if (typeof spec === "object" && spec !== null)
    return (spec.accounts ?? 1) > 1
      ? generateOrganization(spec, accountId)
      : singleAccount(generateOrg(spec, accountId));
  throw new Error(
    `unknown seed ${String(spec)}: use "empty", "example-company", "example-org" or {users, groups, policies, seed, accounts}`,
  );
}

export type { GeneratorSpec };
