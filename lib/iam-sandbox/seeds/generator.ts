import { createAccessKey } from "../model/access-keys";
import { attachPolicy, principal } from "../model/attach";
import { addUserToGroup, createGroup } from "../model/groups";
import { seededRng, withRng, type Rng } from "../model/ids";
import { putInline } from "../model/inline";
import { createPolicy } from "../model/policies";
import type { State } from "../model/types";
import { createUser, USERS_QUOTA } from "../model/users";
import type { Accounts } from "../model/accounts";
import type { Ctx } from "../model/state";
import { seedContext } from "./context";
import { buildOrganization } from "./organization";
import { createHash } from "node:crypto";

export interface GeneratorSpec {
  users: number;
  groups: number;
  policies: number;
  seed?: number;
  /** more than 1: an organization of this many accounts, each a generated org of this size */
  accounts?: number;
}

const SERVICES: Record<string, string[]> = {
  s3: ["GetObject", "PutObject", "ListBucket", "DeleteObject", "GetBucketLocation"],
  sqs: ["SendMessage", "ReceiveMessage", "DeleteMessage", "GetQueueAttributes"],
  ec2: ["DescribeInstances", "StartInstances", "StopInstances", "RebootInstances"],
  dynamodb: ["GetItem", "PutItem", "Query", "Scan", "UpdateItem"],
  lambda: ["InvokeFunction", "GetFunction", "ListFunctions"],
  logs: ["CreateLogStream", "PutLogEvents", "DescribeLogGroups"],
  elasticbeanstalk: ["DescribeEnvironments", "UpdateEnvironment", "CreateApplicationVersion"],
};
const TEAMS = [
  "platform",
  "payments",
  "search",
  "mobile",
  "data",
  "web",
  "infra",
  "growth",
  "support",
  "finance",
  "security",
  "ml",
];
const FIRST = [
  "alex",
  "sam",
  "kim",
  "lee",
  "pat",
  "jo",
  "max",
  "ana",
  "eva",
  "tom",
  "ivy",
  "raj",
  "mei",
  "omar",
  "lia",
  "ben",
];

const pick = <T>(rng: Rng, list: T[]) => list[Math.floor(rng() * list.length)];

function randomDocument(rng: Rng, accountId: string, team: string): string {
  const statements = [];
  const n = 1 + Math.floor(rng() * 3);
  for (let i = 0; i < n; i++) {
    const service = pick(rng, Object.keys(SERVICES));
    const actions = [...new Set([pick(rng, SERVICES[service]), pick(rng, SERVICES[service])])].map(
      (a) => `${service}:${a}`,
    );
    const resource =
      service === "s3"
        ? [`arn:aws:s3:::${team}-data`, `arn:aws:s3:::${team}-data/*`]
        : service === "sqs"
          ? `arn:aws:sqs:us-east-1:${accountId}:${team}-*`
          : service === "dynamodb"
            ? `arn:aws:dynamodb:us-east-1:${accountId}:table/${team}-*`
            : "*";
    statements.push({
      Sid: `S${i}`,
      Effect: rng() < 0.1 ? "Deny" : "Allow",
      Action: actions,
      Resource: resource,
    });
  }
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/**
 * A realistic org, the same for the same seed: users sit in 1-3 groups, every group has
 * 1-3 policies attached, about a third of users hold a key, a tenth have an inline policy.
 */
export function generateOrg(spec: GeneratorSpec, accountId: string): State {
  const rng = seededRng(spec.seed ?? 1);
  return withRng(rng, () => {
    const ctx = seedContext(accountId);
    fillAccount(ctx, spec, rng);
    return ctx.state;
  });
}

/**
 * `spec.accounts` accounts (the management account and members under OU Workloads), each a
 * generated org of the spec's size drawn from its own seed, with Gatehouse's roles
 * (seeds/member-roles.ts).
 */
export function generateOrganization(spec: GeneratorSpec, managementAccountId: string): Accounts {
  const seed = spec.seed ?? 1;
  const plans = Array.from({ length: spec.accounts ?? 1 }, (_, i) => ({
    id: i === 0 ? managementAccountId : String(100_000_000_000 + i),
    name: i === 0 ? "management" : `workload-${i}`,
    email: `aws-account-${i}@example.com`,
    ou: i === 0 ? undefined : "Workloads",
    build: (ctx: Ctx) => {
      const rng = seededRng(seed * 1000 + i);
      withRng(rng, () => fillAccount(ctx, spec, rng));
    },
  }));
  return buildOrganization(plans, seed);
}

function fillAccount(ctx: Ctx, spec: GeneratorSpec, rng: Rng): void {
  const accountId = ctx.state.accountId;
  const policyArns: string[] = [];
  for (let i = 0; i < spec.policies; i++) {
    const team = TEAMS[i % TEAMS.length];
    const policy = createPolicy(ctx, {
      name: `${team}-policy-${i}`,
      path: `/${team}/`,
      document: randomDocument(rng, accountId, team),
    });
    policyArns.push(policy.arn);
  }
  const groupNames: string[] = [];
  for (let i = 0; i < spec.groups; i++) {
    const name = `${TEAMS[i % TEAMS.length]}-group-${i}`;
    createGroup(ctx, name, "/");
    groupNames.push(name);
    if (policyArns.length) {
      const attachments = 1 + Math.floor(rng() * 3);
      for (let j = 0; j < attachments; j++)
        attachPolicy(ctx, principal(ctx, "Group", name), pick(rng, policyArns));
    }
  }
  // AWS caps an account at 5,000 users; a larger generated org (scale benchmarks) raises the
  // sandbox's own quota, and GetAccountSummary reports the raised figure.
  if (spec.users > USERS_QUOTA) ctx.state.usersQuota = spec.users;
  for (let i = 0; i < spec.users; i++) {
    const name = `${pick(rng, FIRST)}.${i}`;
    const team = TEAMS[i % TEAMS.length];
    const user = createUser(ctx, name, `/${team}/`, [
      { Key: "email", Value: `${name}@example.com` },
      { Key: "team", Value: team },
    ]);
    if (groupNames.length) {
      const memberships = 1 + Math.floor(rng() * 3);
      for (let j = 0; j < memberships; j++) addUserToGroup(ctx, pick(rng, groupNames), name);
    }
    if (rng() < 0.35) createAccessKey(ctx, user);
    if (rng() < 0.5) {
      // Hashing every generated password would dominate generation time; a fixed marker suffices.
      user.loginProfile = {
        created: ctx.now,
        passwordHash: "generated:" + createHash("sha1").update(name).digest("hex"),
        resetRequired: true,
        passwordChanged: ctx.now,
        history: [],
      };
    }
    if (rng() < 0.1)
      putInline(principal(ctx, "User", name), "personal-scratch", randomDocument(rng, accountId, team));
    if (policyArns.length && rng() < 0.1)
      attachPolicy(ctx, principal(ctx, "User", name), pick(rng, policyArns));
  }
}
