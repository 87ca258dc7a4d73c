import { ops } from "@/lib/changes";
import type { DoneStep } from "@/lib/changes/types";
import type { DriftEntity, StateChange } from "./diff";

export type { DoneStep };

// Which ops produce which change, derived from what each op declares it explains (the ops table
// in lib/changes/ops). A change with no matching done step between the two snapshots was made
// outside Gatehouse: that is drift.
const OPS: Partial<Record<DriftEntity, Partial<Record<StateChange["change"], string[]>>>> = {};
for (const [op, spec] of Object.entries(ops))
  for (const [entity, changes] of Object.entries(spec.explains ?? {}) as [
    DriftEntity,
    StateChange["change"][],
  ][])
    for (const change of changes) ((OPS[entity] ??= {})[change] ??= []).push(op);

/** Step params may be lowerCamel (lib/changes) or IAM's PascalCase; names compare case-insensitively. */
function param(params: Record<string, unknown>, key: string): string | undefined {
  const v = params[key] ?? params[key[0].toUpperCase() + key.slice(1)];
  return typeof v === "string" ? v.toLowerCase() : undefined;
}

function matches(change: StateChange, step: DoneStep): boolean {
  if (!(OPS[change.entityType]?.[change.change] ?? []).includes(step.op)) return false;
  const d = change.detail;
  const p = step.params;
  const same = (key: keyof StateChange["detail"], value: string | undefined) =>
    value === undefined || param(p, key) === undefined || param(p, key) === value.toLowerCase();
  if (d.userName && param(p, "userName") !== d.userName.toLowerCase()) return false;
  if (d.groupName && param(p, "groupName") !== d.groupName.toLowerCase()) return false;
  if (d.roleName && param(p, "roleName") !== d.roleName.toLowerCase()) return false;
  // A step that created a policy names it; later steps name its ARN.
  if (
    d.policyArn &&
    !(
      param(p, "policyArn") === d.policyArn.toLowerCase() ||
      (param(p, "policyName") !== undefined &&
        d.policyArn.toLowerCase().endsWith(`/${param(p, "policyName")}`))
    )
  )
    return false;
  if (!d.policyArn && !same("policyName", d.policyName)) return false;
  return keyMatches(change, step) && same("versionId", d.versionId);
}

/**
 * The access keys a step names: the one in its params, and those its result reports (the key it
 * created; the keys a re-issue deleted). A change to a key matches a step that names it. A create
 * that names none (finished before results were kept) matches any new key of its user; a removal
 * is never explained by a step that does not name the key.
 */
function keyMatches(change: StateChange, step: DoneStep): boolean {
  const id = change.detail.accessKeyId?.toLowerCase();
  if (!id) return true;
  const r = step.result ?? {};
  const named =
    change.change === "removed"
      ? [param(step.params, "accessKeyId"), ...(Array.isArray(r.deletedKeys) ? r.deletedKeys : [])]
      : [param(step.params, "accessKeyId"), r.accessKeyId];
  const ids = named.filter((v): v is string => typeof v === "string").map((v) => v.toLowerCase());
  return ids.includes(id) || (change.change !== "removed" && ids.length === 0);
}

/**
 * Pair each change with a done step that explains it (each step explains at most one change of
 * its kind, so two keys created where Gatehouse created one leave one drift finding).
 */
export function explainChanges(
  changes: StateChange[],
  steps: DoneStep[],
): { change: StateChange; explainedBy: string | null }[] {
  // One CreatePolicyVersion both adds a version and moves the default, and one key re-issue both
  // removes a key and creates one: "used" is per entity and kind of change.
  const used = new Set<string>();
  const slot = (i: number, c: StateChange) => `${i}|${c.entityType}|${c.change}`;
  return changes.map((change) => {
    const index = steps.findIndex((s, i) => !used.has(slot(i, change)) && matches(change, s));
    const step = index >= 0 ? steps[index] : undefined;
    if (step) used.add(slot(index, change));
    return { change, explainedBy: step?.requestId ?? null };
  });
}
