import { ACCESS_LEVELS, levelRank, type AccessLevel, type Catalog } from "./catalog";
import { statementActions } from "./statement-actions";
import type { Effect, PolicyDocument } from "./types";

// A policy summary like the one IAM's console shows: per service (and effect), which access
// levels it grants — all of a level's actions or some — on which resources, under which
// conditions. Levels come from the catalogue (catalog.ts), the same as the review's.

export type SummaryLevel = { level: AccessLevel; actions: number; ofLevel: number };

export type ServiceSummary = {
  effect: Effect;
  service: string;
  serviceName: string;
  /** Strongest first. */
  levels: SummaryLevel[];
  /** "All resources", the ARN patterns named, or "All except …" for NotResource. */
  resources: string[];
  /** "aws:MultiFactorAuthPresent Bool true", one per condition key of the statements that grant it. */
  conditions: string[];
  /** Some of it is granted with no condition (always true when `conditions` is empty). */
  unconditional: boolean;
};

type Acc = {
  levels: Map<AccessLevel, Set<number>>;
  resources: Set<string>;
  conditions: Set<string>;
  unconditional: boolean;
};

const ALL = "All resources";

/** The patterns of `resources` that can name this service's resources (its own ARNs, or a wildcard service). */
function resourcesFor(service: string, resources: string[]): string[] {
  if (resources.includes("*")) return [ALL];
  const mine = resources.filter((r) => {
    const svc = r.split(":")[2];
    return svc === undefined || svc === service || svc.includes("*");
  });
  return mine.length ? mine : resources;
}

export function policySummary(document: PolicyDocument, catalog: Catalog): ServiceSummary[] {
  const byKey = new Map<string, Acc>();
  for (const st of document.Statement) {
    const conditions = Object.entries(st.Condition ?? {}).flatMap(([op, keys]) =>
      Object.entries(keys).map(([key, values]) => `${key} ${op} ${values.join(", ")}`),
    );
    for (const a of statementActions(st, catalog)) {
      const key = `${st.Effect}\n${a.service}`;
      let acc = byKey.get(key);
      if (!acc)
        byKey.set(
          key,
          (acc = { levels: new Map(), resources: new Set(), conditions: new Set(), unconditional: false }),
        );
      let set = acc.levels.get(a.level);
      if (!set) acc.levels.set(a.level, (set = new Set()));
      set.add(a.index);
      for (const c of conditions) acc.conditions.add(c);
      if (conditions.length === 0) acc.unconditional = true;
      const named = st.NotResource
        ? [`All except ${st.NotResource.join(", ")}`]
        : resourcesFor(a.service, st.Resource ?? ["*"]);
      for (const r of named) acc.resources.add(r);
    }
  }
  const rows: ServiceSummary[] = [];
  for (const [key, acc] of byKey) {
    const [effect, service] = key.split("\n") as [Effect, string];
    const all = catalog.services.get(service)?.actions ?? [];
    const levels = ACCESS_LEVELS.filter((l) => acc.levels.has(l))
      .map((level) => ({
        level,
        actions: acc.levels.get(level)!.size,
        ofLevel: all.filter((a) => a.level === level).length,
      }))
      .sort((a, b) => levelRank(b.level) - levelRank(a.level));
    const resources = acc.resources.has(ALL) ? [ALL] : [...acc.resources];
    rows.push({
      effect,
      service,
      serviceName: catalog.serviceName(service) ?? service,
      levels,
      resources,
      conditions: [...acc.conditions],
      unconditional: acc.unconditional,
    });
  }
  return rows.sort(
    (a, b) =>
      (a.effect === b.effect ? 0 : a.effect === "Allow" ? -1 : 1) ||
      levelRank(b.levels[0].level) - levelRank(a.levels[0].level) ||
      a.serviceName.localeCompare(b.serviceName),
  );
}
