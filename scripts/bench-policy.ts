/**
 * Micro-benchmark for lib/policy effective access: a generated organisation of 5,000 users,
 * 300 groups and 1,500 policies. Compares the cached path (createAccessCache) with a naive
 * per-user recomputation (every pattern matched against the whole catalogue, no memo) on a
 * sample of users, extrapolated to the whole organisation. Last line: one JSON object.
 *
 *   npx tsx scripts/bench-policy.ts [naiveSampleUsers=20]
 */
import { isDeepStrictEqual } from "node:util";
import {
  createAccessCache,
  loadCatalog,
  parsePolicy,
  type Catalog,
  type PolicyDocument,
  type PrincipalPolicy,
} from "../lib/policy";
import { effectiveAccessUncached } from "../lib/policy/effective-access";

const USERS = 5000;
const GROUPS = 300;
const POLICIES = 1500;

/** Deterministic PRNG (mulberry32) so every run benchmarks the same organisation. */
function prng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)];
  return { next, int, pick };
}

function parsed(doc: object): PolicyDocument {
  const result = parsePolicy(doc);
  if (!result.ok) throw new Error(`generated an invalid policy: ${JSON.stringify(result.errors)}`);
  return result.document;
}

function generatePolicies(catalog: Catalog, rnd: ReturnType<typeof prng>): PolicyDocument[] {
  const services = [...catalog.services.values()].filter((s) => s.actions.length > 0);
  const common = [
    "s3",
    "ec2",
    "sqs",
    "dynamodb",
    "lambda",
    "iam",
    "cloudwatch",
    "logs",
    "rds",
    "sns",
    "kms",
    "elasticbeanstalk",
  ]
    .map((p) => catalog.services.get(p))
    .filter((s) => s !== undefined);
  const docs: PolicyDocument[] = [
    parsed({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }),
    parsed({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: "*" }],
    }),
    parsed({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: services
            .slice(0, 120)
            .flatMap((s) => [`${s.prefix}:Get*`, `${s.prefix}:List*`, `${s.prefix}:Describe*`]),
          Resource: "*",
        },
      ],
    }),
  ];
  while (docs.length < POLICIES) {
    const statements = [];
    const count = 1 + rnd.int(5);
    for (let i = 0; i < count; i++) {
      const service = rnd.next() < 0.7 ? rnd.pick(common) : rnd.pick(services);
      const shape = rnd.next();
      const action =
        shape < 0.15
          ? `${service.prefix}:*`
          : shape < 0.45
            ? [`${service.prefix}:Get*`, `${service.prefix}:List*`, `${service.prefix}:Describe*`]
            : Array.from({ length: 2 + rnd.int(8) }, () => rnd.pick(service.actions).fullName);
      const resource =
        rnd.next() < 0.5 ? "*" : [`arn:aws:${service.prefix}:eu-west-1:123456789012:team-${rnd.int(40)}-*`];
      const effect = rnd.next() < 0.08 ? "Deny" : "Allow";
      const statement: Record<string, unknown> = {
        Sid: `S${i}`,
        Effect: effect,
        Action: action,
        Resource: resource,
      };
      if (rnd.next() < 0.1) statement.Condition = { Bool: { "aws:MultiFactorAuthPresent": "true" } };
      statements.push(statement);
    }
    docs.push(parsed({ Version: "2012-10-17", Statement: statements }));
  }
  return docs;
}

export function generateOrg(catalog: Catalog) {
  const rnd = prng(20261127);
  const policies = generatePolicies(catalog, rnd);
  const managed = (i: number) => ({
    kind: "managed" as const,
    policyName: `policy-${i}`,
    policyArn: `arn:aws:iam::123456789012:policy/policy-${i}`,
  });
  const groups: PrincipalPolicy[][] = Array.from({ length: GROUPS }, (_, g) => {
    const attached = Array.from({ length: 1 + rnd.int(5) }, () => rnd.int(POLICIES));
    return [...new Set(attached)].map((i) => ({
      document: policies[i],
      source: { ...managed(i), via: { type: "group" as const, groupName: `group-${g}` } },
    }));
  });
  // A few popular groups (everyone's "employees", a team group) so memberships repeat, as in real companies.
  const users: PrincipalPolicy[][] = Array.from({ length: USERS }, (_, u) => {
    const memberOf = new Set([rnd.int(10), rnd.int(GROUPS), ...(rnd.next() < 0.5 ? [rnd.int(GROUPS)] : [])]);
    const own: PrincipalPolicy[] = [];
    if (rnd.next() < 0.3) {
      const i = rnd.int(POLICIES);
      own.push({ document: policies[i], source: { ...managed(i), via: { type: "user" } } });
    }
    if (rnd.next() < 0.1) {
      const doc = parsed({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: ["s3:GetObject", "s3:PutObject"],
            Resource: `arn:aws:s3:::home/user-${u}/*`,
          },
        ],
      });
      own.push({
        document: doc,
        source: { kind: "inline", policyName: `user-${u}-home`, via: { type: "user" } },
      });
    }
    return [...[...memberOf].flatMap((g) => groups[g]), ...own];
  });
  return { users };
}

async function main() {
  const sampleSize = Number(process.argv[2] ?? 20);
  let t = performance.now();
  const catalog = await loadCatalog();
  const catalogLoadMs = performance.now() - t;

  t = performance.now();
  const { users } = generateOrg(catalog);
  const generateMs = performance.now() - t;

  // CPU time is reported next to wall time: on a shared machine wall time includes waiting for a core.
  t = performance.now();
  const cpu = process.cpuUsage();
  const cache = createAccessCache(catalog);
  const results = users.map((policies) => cache.accessForPolicySet(policies));
  const cachedMs = performance.now() - t;
  const used = process.cpuUsage(cpu);
  const cachedCpuMs = (used.user + used.system) / 1000;

  // Same again with a fresh set cache: policies are already compiled, so this is the per-user combine cost.
  t = performance.now();
  const again = createAccessCache(catalog);
  for (const policies of users) again.accessForPolicySet(policies);
  const combineOnlyMs = performance.now() - t;

  const step = Math.max(1, Math.floor(users.length / sampleSize));
  const sample = users.filter((_, i) => i % step === 0).slice(0, sampleSize);
  t = performance.now();
  const naive = sample.map((policies) => effectiveAccessUncached(policies, catalog));
  const naiveSampleMs = performance.now() - t;
  const resultsMatch = sample.every((_, k) => isDeepStrictEqual(naive[k], results[users.indexOf(sample[k])]));

  const naiveExtrapolatedMs = (naiveSampleMs / sample.length) * users.length;

  // Middle ground: recompute every user's policies, but with pattern expansions memoised.
  t = performance.now();
  for (const policies of users) effectiveAccessUncached(policies, catalog, { memoisePatterns: true });
  const perUserPatternMemoMs = performance.now() - t;
  const grants = results.reduce(
    (n, r) =>
      n + r.reduce((m, s) => m + Object.values(s.levels).reduce((k, g) => k + (g?.length ?? 0), 0), 0),
    0,
  );
  console.log(
    `catalog load            ${catalogLoadMs.toFixed(0)} ms (${catalog.actions.length} actions, ${catalog.services.size} services)`,
  );
  console.log(
    `org generation          ${generateMs.toFixed(0)} ms (${USERS} users, ${GROUPS} groups, ${POLICIES} policies)`,
  );
  console.log(
    `effective access cached ${cachedMs.toFixed(0)} ms wall, ${cachedCpuMs.toFixed(0)} ms CPU, for all ${USERS} users (${cache.stats().setMisses} distinct policy sets, ${grants} grants)`,
  );
  console.log(
    `  combine only          ${combineOnlyMs.toFixed(0)} ms (second pass with a fresh set cache; policies already compiled)`,
  );
  console.log(
    `naive per-user          ${naiveSampleMs.toFixed(0)} ms for ${sample.length} users → ~${(naiveExtrapolatedMs / 1000).toFixed(1)} s extrapolated to ${USERS}`,
  );
  console.log(
    `per-user, pattern memo  ${perUserPatternMemoMs.toFixed(0)} ms for all ${USERS} users (no per-policy or per-set cache)`,
  );
  console.log(
    `ratio naive/cached      ${(naiveExtrapolatedMs / cachedMs).toFixed(0)}x; sample results identical: ${resultsMatch}`,
  );
  console.log(
    JSON.stringify({
      users: USERS,
      groups: GROUPS,
      policies: POLICIES,
      catalogLoadMs: Math.round(catalogLoadMs),
      cachedMs: Math.round(cachedMs),
      cachedCpuMs: Math.round(cachedCpuMs),
      combineOnlyMs: Math.round(combineOnlyMs),
      naiveSampleUsers: sample.length,
      naiveSampleMs: Math.round(naiveSampleMs),
      naiveExtrapolatedMs: Math.round(naiveExtrapolatedMs),
      perUserPatternMemoMs: Math.round(perUserPatternMemoMs),
      ratio: Math.round(naiveExtrapolatedMs / cachedMs),
      ratioPatternMemo: Number((perUserPatternMemoMs / cachedMs).toFixed(1)),
      distinctPolicySets: cache.stats().setMisses,
      resultsMatch,
    }),
  );
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
