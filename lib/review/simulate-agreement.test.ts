import { SimulatePrincipalPolicyCommand } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "@/lib/iam-sandbox";
import { evaluate, levelRank, loadCatalog, type Catalog } from "@/lib/policy";
import { computeAccess, policyCollector } from "./access";
import { CallCounter, readAccount } from "./read-account";
import { countedSandboxClients } from "./testing";
import type { AccountState } from "./types";

// lib/policy's evaluator (fed by the sync's view of the account) against the sandbox's own
// SimulatePrincipalPolicy, on a generated org with Deny statements, wildcards and scoped ARNs.

const ACTIONS = [
  "s3:GetObject",
  "s3:PutObject",
  "s3:ListBucket",
  "s3:DeleteObject",
  "s3:GetBucketLocation",
  "sqs:SendMessage",
  "sqs:ReceiveMessage",
  "sqs:DeleteMessage",
  "sqs:GetQueueAttributes",
  "ec2:DescribeInstances",
  "ec2:StartInstances",
  "ec2:StopInstances",
  "ec2:RebootInstances",
  "dynamodb:GetItem",
  "dynamodb:PutItem",
  "dynamodb:Query",
  "dynamodb:Scan",
  "dynamodb:UpdateItem",
  "lambda:InvokeFunction",
  "lambda:GetFunction",
  "lambda:ListFunctions",
  "logs:CreateLogStream",
  "logs:PutLogEvents",
  "logs:DescribeLogGroups",
  "elasticbeanstalk:DescribeEnvironments",
  "elasticbeanstalk:UpdateEnvironment",
  "iam:CreateUser",
];

/** A deterministic RNG so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function resourceFor(action: string, team: string, acct: string): string {
  const service = action.split(":")[0];
  if (service === "s3")
    return action === "s3:ListBucket" || action === "s3:GetBucketLocation"
      ? `arn:aws:s3:::${team}-data`
      : `arn:aws:s3:::${team}-data/report.csv`;
  if (service === "sqs") return `arn:aws:sqs:us-east-1:${acct}:${team}-jobs`;
  if (service === "dynamodb") return `arn:aws:dynamodb:us-east-1:${acct}:table/${team}-orders`;
  return "*";
}

describe("effective access agrees with SimulatePrincipalPolicy", () => {
  let sandbox: Sandbox;
  let clients: ReturnType<typeof countedSandboxClients>;
  let state: AccountState;
  let catalog: Catalog;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: { users: 300, groups: 40, policies: 120, seed: 11 } });
    clients = countedSandboxClients(sandbox.url);
    [state, catalog] = await Promise.all([
      readAccount(new CallCounter(clients.iam), clients.sts),
      loadCatalog(),
    ]);
  });
  afterAll(() => sandbox?.close());

  it("on 1,000+ random (user, action, resource) triples, allowed vs not", async () => {
    const random = rng(2026);
    // The generated org's teams, read back from its group names (`<team>-group-<n>`).
    const teams = [...new Set(state.groups.map((g) => g.name.replace(/-group-\d+$/, "")))];
    expect(teams.length).toBeGreaterThan(1);
    const policiesOf = policyCollector(state);
    const matrix = computeAccess(state, catalog);
    let compared = 0;
    let allowed = 0;
    const disagreements: string[] = [];
    for (let i = 0; i < 130; i++) {
      const user = state.users[Math.floor(random() * state.users.length)];
      const actions = Array.from({ length: 12 }, () => ACTIONS[Math.floor(random() * ACTIONS.length)]);
      // One resource per call (the simulator crosses actions × resources); a random team each time.
      const team = teams[Math.floor(random() * teams.length)];
      for (const action of new Set(actions)) {
        const resource = resourceFor(action, team, state.accountId);
        const out = await clients.iam.send(
          new SimulatePrincipalPolicyCommand({
            PolicySourceArn: user.arn,
            ActionNames: [action],
            ResourceArns: [resource],
          }),
        );
        const theirs = out.EvaluationResults?.[0]?.EvalDecision;
        const ours = evaluate({ action, resource }, policiesOf(user).policies).decision;
        compared++;
        if (ours === "allowed") allowed++;
        if ((theirs === "allowed") !== (ours === "allowed"))
          disagreements.push(`${user.name} ${action} ${resource}: simulator ${theirs}, lib/policy ${ours}`);
        // The matrix must show at least that action's level wherever the request is allowed.
        if (ours === "allowed") {
          const cell = matrix.sets[matrix.byUser[user.name]].find((c) => c.service === action.split(":")[0]);
          const level = catalog.levelOf(action)!;
          if (!cell || levelRank(cell.level) < levelRank(level))
            disagreements.push(
              `${user.name} ${action}: allowed but the matrix shows ${cell?.level ?? "nothing"}`,
            );
        }
      }
    }
    expect(compared).toBeGreaterThanOrEqual(1000);
    // A sample where nothing (or everything) is allowed would prove little.
    expect(allowed).toBeGreaterThan(compared * 0.05);
    expect(allowed).toBeLessThan(compared * 0.95);
    expect(disagreements).toEqual([]);
  }, 120_000);
});
