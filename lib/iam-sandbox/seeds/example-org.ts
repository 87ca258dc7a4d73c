import type { Accounts } from "../model/accounts";
import { seedUsage } from "./example-company/usage";
import { addCompanyPeople, addCompanyPolicies, addOrdersWorker } from "./example-company";
import { buildOrganization } from "./organization";

// The example company grown into an AWS Organization (README, "Seeds"): a management account for
// billing, production, staging and a sandbox account, with people repeated by user name across
// the accounts they work in, as companies do.

export const EXAMPLE_ORG_ACCOUNTS = {
  production: "111111111111",
  staging: "222222222222",
  sandbox: "333333333333",
};

export function exampleOrg(managementAccountId: string): Accounts {
  const people =
    (names: string[], worker = false) =>
    (ctx: Parameters<typeof addCompanyPeople>[0]) => {
      addCompanyPeople(ctx, names);
      if (worker) addOrdersWorker(ctx);
      seedUsage(ctx.state, ctx.now, true);
    };
  return buildOrganization(
    [
      {
        id: managementAccountId,
        name: "Example Company",
        email: "aws-management@example.com",
        // Gatehouse's own account: the templates are published here first (and then in each
        // account of the job roles using them), so all of them are here, attached or not.
        build: (ctx) => {
          people(["mary"])(ctx);
          addCompanyPolicies(ctx);
        },
      },
      {
        id: EXAMPLE_ORG_ACCOUNTS.production,
        name: "production",
        email: "aws-production@example.com",
        ou: "Workloads/Prod",
        build: people(["sally", "john", "maria", "jane"], true),
      },
      {
        id: EXAMPLE_ORG_ACCOUNTS.staging,
        name: "staging",
        email: "aws-staging@example.com",
        ou: "Workloads/NonProd",
        build: people(["sally", "john", "maria"]),
      },
      {
        id: EXAMPLE_ORG_ACCOUNTS.sandbox,
        name: "sandbox",
        email: "aws-sandbox@example.com",
        ou: "Sandbox",
        build: people(["sally"]),
      },
    ],
    20240102,
  );
}
