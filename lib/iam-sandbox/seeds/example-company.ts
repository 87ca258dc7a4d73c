import { createAccessKey } from "../model/access-keys";
import { attachPolicy, principal } from "../model/attach";
import { addUserToGroup, createGroup } from "../model/groups";
import { seededRng, withRng } from "../model/ids";
import { putInline } from "../model/inline";
import { addRoleToInstanceProfile, createInstanceProfile } from "../model/instance-profiles";
import { createLoginProfile } from "../model/login-profiles";
import { createPolicy } from "../model/policies";
import { createRole } from "../model/roles";
import type { Ctx } from "../model/state";
import type { State } from "../model/types";
import { createUser } from "../model/users";
import { seedContext } from "./context";
import devOps from "./example-company/DevOpsAccess.json";
import webDevelopers from "./example-company/WebDeveloperAccess.json";
import mobileDevelopers from "./example-company/MobileDeveloperAccess.json";
import accountants from "./example-company/AccountantBillingReadOnly.json";
import workerTrust from "./example-company/ec2-sqs-worker-trust.json";
import workerOrders from "./example-company/ec2-sqs-worker-orders.json";
import { seedUsage } from "./example-company/usage";
import { addAppIdentity } from "./app-identity";

const DOCS: Record<string, unknown> = {
  DevOpsAccess: devOps,
  WebDeveloperAccess: webDevelopers,
  MobileDeveloperAccess: mobileDevelopers,
  AccountantBillingReadOnly: accountants,
  "ec2-sqs-worker-trust": workerTrust,
  "ec2-sqs-worker-orders": workerOrders,
};

function doc(name: string, accountId: string): string {
  // The documents are written for the default account; other accounts get their own id.
  return JSON.stringify(DOCS[name], null, 2).split("123456789012").join(accountId);
}

const GROUPS = [
  {
    group: "DevOps",
    policy: "DevOpsAccess",
    description: "Elastic Beanstalk, EC2, S3 and SQS for the operations team",
    console: true,
  },
  {
    group: "WebDevelopers",
    policy: "WebDeveloperAccess",
    description: "Deploy web applications to Elastic Beanstalk and their S3 assets",
    console: true,
  },
  {
    group: "MobileDevelopers",
    policy: "MobileDeveloperAccess",
    description: "Mobile assets in S3 and the Cognito user and identity pools",
    console: false,
  },
  {
    group: "Accountants",
    policy: "AccountantBillingReadOnly",
    description: "Read-only access to the example-company-billing bucket",
    console: true,
  },
];

const USERS = [
  { name: "sally", group: "DevOps", console: true, key: true },
  { name: "john", group: "WebDevelopers", console: true, key: true },
  { name: "maria", group: "WebDevelopers", console: true, key: true },
  { name: "jane", group: "MobileDevelopers", console: false, key: true },
  { name: "mary", group: "Accountants", console: true, key: false },
];

/** Sandbox-only console passwords, documented in the README so people can try ChangePassword. */
const EXAMPLE_PASSWORD = (user: string) => `Example-${user}-Passw0rd!`;

/**
 * The example company's people in one account: those named (all five by default), each tagged
 * with their email, and the groups they sit in with their policies. Another account of the
 * organization seed gets some of the same people under the same user names.
 */
export function addCompanyPeople(ctx: Ctx, people: readonly string[] = USERS.map((u) => u.name)): void {
  const accountId = ctx.state.accountId;
  const users = USERS.filter((u) => people.includes(u.name));
  const changePassword = "arn:aws:iam::aws:policy/IAMUserChangePassword";
  for (const g of GROUPS.filter((g) => users.some((u) => u.group === g.group))) {
    createGroup(ctx, g.group, "/");
    const policy = createPolicy(ctx, {
      name: g.policy,
      path: "/",
      document: doc(g.policy, accountId),
      description: g.description,
    });
    attachPolicy(ctx, principal(ctx, "Group", g.group), policy.arn);
    if (g.console) attachPolicy(ctx, principal(ctx, "Group", g.group), changePassword);
  }
  for (const u of users) {
    const user = createUser(ctx, u.name, "/", [{ Key: "email", Value: `${u.name}@example.com` }]);
    addUserToGroup(ctx, u.group, u.name);
    if (u.console) createLoginProfile(ctx, user, EXAMPLE_PASSWORD(u.name), false);
    if (u.key) createAccessKey(ctx, user);
  }
}

/**
 * The job roles' policies without their groups, where they are not yet: what an account holds
 * when Gatehouse publishes the company's templates there (the organization's management account,
 * Gatehouse's own, holds every template its job roles use in other accounts).
 */
export function addCompanyPolicies(ctx: Ctx): void {
  for (const g of GROUPS)
    if (!ctx.state.policyNames.has(g.policy.toLowerCase()))
      createPolicy(ctx, {
        name: g.policy,
        path: "/",
        document: doc(g.policy, ctx.state.accountId),
        description: g.description,
      });
}

/** The EC2 role that works the orders queue, in an instance profile of the same name. */
export function addOrdersWorker(ctx: Ctx): void {
  const accountId = ctx.state.accountId;
  const role = createRole(ctx, {
    name: "ec2-sqs-worker",
    path: "/",
    trustPolicy: doc("ec2-sqs-worker-trust", accountId),
    description: "EC2 instances that work the orders queue",
  });
  putInline(
    principal(ctx, "Role", role.name),
    "orders-queue-access",
    doc("ec2-sqs-worker-orders", accountId),
  );
  createInstanceProfile(ctx, "ec2-sqs-worker", "/");
  addRoleToInstanceProfile(ctx, "ec2-sqs-worker", role.name);
}

export function exampleCompany(accountId: string): State {
  return withRng(seededRng(20240102), () => {
    const ctx = seedContext(accountId);
    addCompanyPeople(ctx);
    addOrdersWorker(ctx);
    seedUsage(ctx.state, ctx.now);
    addAppIdentity(ctx);
    return ctx.state;
  });
}
