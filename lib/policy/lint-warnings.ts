import type { AccessLevel, Catalog, CatalogAction } from "./catalog";
import {
  DATA_SERVICES,
  ESCALATION_ACTIONS,
  ESCALATION_ON_ALL_RESOURCES,
  escalationActions,
} from "./escalation";
import { statementActions } from "./statement-actions";
import type { Finding, Statement } from "./types";
import { hasWildcard } from "./wildcard";

const CHANGING: ReadonlySet<AccessLevel> = new Set(["Write", "Permissions management"]);

/** The examples a reviewer should see first: permission changes, then deletions. */
function mostAlarming(actions: readonly CatalogAction[], count = 3): string[] {
  const weight = (a: CatalogAction) =>
    a.level === "Permissions management" ? 0 : /^(Delete|Terminate|Remove)/.test(a.name) ? 1 : 2;
  const order = (a: CatalogAction, b: CatalogAction) =>
    weight(a) - weight(b) || a.fullName.localeCompare(b.fullName);
  // Keep the best `count` in one pass: sorting thousands of actions with localeCompare is slow.
  const best: CatalogAction[] = [];
  for (const a of actions) {
    if (best.length === count && order(a, best[count - 1]) >= 0) continue;
    best.push(a);
    best.sort(order);
    if (best.length > count) best.pop();
  }
  return best.map((a) => a.fullName);
}

function list(names: string[], max = 4): string {
  return names.length <= max
    ? names.join(", ")
    : `${names.slice(0, max).join(", ")} and ${names.length - max} more`;
}

type BroadWrite = { message: string; services: ReadonlySet<string> } | null;
const broadWriteCache = new WeakMap<Catalog, Map<string, BroadWrite>>();

/**
 * The "broad write on all resources" finding of one wildcard pattern, memoised per pattern:
 * the same pattern in many statements was expanded, filtered and sorted (localeCompare over
 * thousands of actions) once per statement.
 */
function broadWrite(pattern: string, catalog: Catalog): BroadWrite {
  let cache = broadWriteCache.get(catalog);
  if (!cache) broadWriteCache.set(catalog, (cache = new Map()));
  if (cache.size > 5_000) cache.clear();
  const hit = cache.get(pattern);
  if (hit !== undefined) return hit;
  const changing = catalog.expand(pattern).filter((a) => CHANGING.has(a.level));
  const result: BroadWrite =
    changing.length === 0
      ? null
      : {
          message: `"${pattern}" on all resources lets this person change or delete any matching resource in the account (${changing.length} actions, such as ${mostAlarming(changing).join(", ")}). Limit Resource to what is needed.`,
          services: new Set(changing.map((a) => a.service)),
        };
  cache.set(pattern, result);
  return result;
}

/** Warnings for one Allow statement, worded for the person approving the policy. */
export function lintStatementWarnings(
  statement: Statement,
  path: string,
  options: { kind: string; catalog: Catalog },
): Finding[] {
  const { catalog } = options;
  const findings: Finding[] = [];
  const onAll = (statement.Resource ?? []).includes("*");
  const everything = (statement.Action ?? []).some((a) => a === "*" || a === "*:*");

  if (options.kind === "trust") {
    const principal = statement.Principal;
    const anyone = principal === "*" || (principal !== undefined && (principal.AWS ?? []).includes("*"));
    if (anyone && !statement.Condition) {
      findings.push({
        code: "trust-anyone",
        message:
          "Anyone in any AWS account could assume this role. Name the accounts or services that should be trusted.",
        path: `${path}.Principal`,
      });
    }
    return findings;
  }
  if (everything) {
    findings.push({
      code: "allows-everything",
      message: onAll
        ? "This statement allows every action on every resource: full administrator access, including changing its own permissions."
        : "This statement allows every AWS action on the listed resources.",
      path: `${path}.Action`,
    });
    return findings;
  }
  const negations = [
    [
      "NotAction",
      "allow-with-notaction",
      "This statement allows every action except the ones listed — including actions AWS adds in future. List the actions to allow instead.",
    ],
    [
      "NotResource",
      "allow-with-notresource",
      "This statement allows access to every resource except the ones listed, including resources created later. List the resources to allow instead.",
    ],
  ] as const;
  for (const [field, code, message] of negations)
    if (statement[field]) findings.push({ code, message, path: `${path}.${field}` });
  const broadServices = new Set<string>();
  if (onAll && statement.Action) {
    for (const pattern of statement.Action.filter(hasWildcard)) {
      const broad = broadWrite(pattern, catalog);
      if (!broad) continue;
      broad.services.forEach((s) => broadServices.add(s));
      findings.push({ code: "broad-write-on-all-resources", message: broad.message, path: `${path}.Action` });
    }
  }
  const escalation = escalationActions(statement, catalog);
  if (escalation.length > 0) {
    const reasons = escalation.map((a) => {
      const key = a.fullName.toLowerCase();
      return `${a.fullName} ${ESCALATION_ACTIONS[key] ?? ESCALATION_ON_ALL_RESOURCES[key]}`;
    });
    findings.push({
      code: "privilege-escalation",
      message:
        escalation.length <= 3
          ? `This statement lets a person raise their own access: ${reasons.join("; ")}.`
          : `This statement lets a person raise their own access through ${list(
              escalation.map((a) => a.fullName),
              6,
            )}; each of these can be turned into administrator access.`,
      path: `${path}.${statement.Action ? "Action" : "NotAction"}`,
    });
  }
  // NotAction already has its own warning, and its actions are most of the catalogue: skip it.
  if (onAll && !statement.NotAction) {
    const dataActions = statementActions(statement, catalog).filter(
      (a) => DATA_SERVICES.has(a.service) && a.level !== "List" && !broadServices.has(a.service),
    );
    const dataServices = [...new Set(dataActions.map((a) => a.service))];
    if (dataServices.length > 0) {
      const names = dataServices.map((s) => catalog.serviceName(s) ?? s);
      const verb = dataActions.every((a) => a.level === "Read")
        ? "read the data in"
        : "read or change the data in";
      findings.push({
        code: "unscoped-data-access",
        message: `This statement lets this person ${verb} every ${list(names)} resource in the account, not only the ones they need. Limit Resource to specific buckets, tables, queues or secrets.`,
        path: `${path}.Resource`,
      });
    }
  }
  return findings;
}
