// Worst-case policy documents for the lint benchmark: each fills IAM's managed-policy quota
// (6,144 characters without whitespace) with the shape that costs the lint most per character.
// `salt` makes every pattern new, so no memo from an earlier document helps.
import { MAX_CROSS_SERVICE_PATTERNS } from "../../lib/policy/lint";
import { POLICY_SIZE_QUOTAS, policySize } from "../../lib/policy/size";

const V = "2012-10-17";
const QUOTA = POLICY_SIZE_QUOTAS.managed;
const letters = "abcdefghijklmnopqrstuvwxyz";

/** As many statements from `make` as fit in the quota. */
function fill(make: (i: number) => object): string {
  const statements: object[] = [];
  for (let i = 0; ; i++) {
    const next = make(i);
    if (policySize({ Version: V, Statement: [...statements, next] }) > QUOTA) break;
    statements.push(next);
  }
  return JSON.stringify({ Version: V, Statement: statements });
}

function crossService(salt: number): string[] {
  return Array.from(
    { length: MAX_CROSS_SERVICE_PATTERNS },
    (_, i) => `*:${letters[(i + salt) % 26]}${letters[(salt * 7 + i) % 26]}*`,
  );
}

export const WORST_CASES: Record<string, (salt: number) => string> = {
  // The most cross-service wildcards allowed, then within-service wildcards up to the quota.
  "cross-service + ec2 wildcards, one statement": (salt) => {
    const actions = crossService(salt);
    for (
      let i = 0;
      policySize(
        JSON.stringify({
          Version: V,
          Statement: [{ Effect: "Allow", Action: [...actions, "ec2:*zz*"], Resource: "*" }],
        }),
      ) <= QUOTA;
      i++
    )
      actions.push(`ec2:*${salt.toString(36)}${i.toString(36)}*`);
    actions.pop();
    return JSON.stringify({ Version: V, Statement: [{ Effect: "Allow", Action: actions, Resource: "*" }] });
  },
  // Each statement its own union of large expansions.
  "cross-service wildcards per statement": (salt) => {
    const c = crossService(salt);
    return fill((i) => ({
      Effect: "Allow",
      Action: [...c.slice(0, 10), `s3:*${salt.toString(36)}${i.toString(36)}*`],
      Resource: "*",
    }));
  },
  // NotAction: each statement's actions are most of the catalogue.
  "NotAction statements": (salt) => {
    const c = crossService(salt);
    return fill((i) => ({
      Effect: "Allow",
      NotAction: [c[i % c.length], `s3:*${salt.toString(36)}${i.toString(36)}`],
      Resource: "*",
    }));
  },
  // PassRole combinations and escalation checks in every statement.
  "PassRole + escalation statements": (salt) =>
    fill((i) => ({
      Effect: "Allow",
      Action: ["iam:Pass*", `ec2:R*${salt.toString(36)}${i.toString(36)}`, "lambda:*", "iam:*Policy*"],
      Resource: "*",
    })),
  "mixed NotAction / NotResource / cross-service": (salt) => {
    const c = crossService(salt);
    return fill((i) =>
      i % 2
        ? { Effect: "Allow", NotAction: `s3:*${salt.toString(36)}${i.toString(36)}`, NotResource: "*" }
        : {
            Effect: "Allow",
            Action: [c[i % c.length], `iam:*${salt.toString(36)}${i.toString(36)}*`],
            Resource: "*",
          },
    );
  },
};

/** The 150 kB draft of issue 12 (#8): far over the quota, refused unparsed. */
export function hugeDocument(): string {
  const actions = Array.from({ length: 15_000 }, (_, i) => `*:?${i.toString(36)}*`);
  return JSON.stringify({ Version: V, Statement: [{ Effect: "Allow", Action: actions, Resource: "*" }] });
}
