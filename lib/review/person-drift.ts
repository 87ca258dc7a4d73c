import type { DriftItem } from "./review-data";

/**
 * What a user's out-of-band changes are about, so the person page marks the very group, policy
 * or key the way the review flags the row. Read from each finding's entity, in the forms
 * diff.ts writes them (`user ∈ group`, `user ← policy`, `user/inline`, `user/keyId`).
 */
export interface DriftMarks {
  count: number;
  items: DriftItem[];
  groups: Set<string>;
  /** Managed policies (by name) and inline policies (by name), attached or changed out of band. */
  policies: Set<string>;
  accessKeys: Set<string>;
  console: boolean;
  mfa: boolean;
}

const after = (entity: string, sep: string) => {
  const at = entity.indexOf(sep);
  return at < 0 ? null : entity.slice(at + sep.length).toLowerCase();
};

export function driftMarks(items: DriftItem[], userName: string): DriftMarks {
  const mine = items.filter((d) => d.userName?.toLowerCase() === userName.toLowerCase());
  const marks: DriftMarks = {
    count: mine.length,
    items: mine,
    groups: new Set(),
    policies: new Set(),
    accessKeys: new Set(),
    console: false,
    mfa: false,
  };
  const add = (set: Set<string>, name: string | null) => name && set.add(name);
  for (const d of mine) {
    if (d.entityType === "groupMembership") add(marks.groups, after(d.entity, " ∈ "));
    else if (d.entityType === "userAttachment") add(marks.policies, after(d.entity, " ← "));
    else if (d.entityType === "userInline") add(marks.policies, after(d.entity, "/"));
    else if (d.entityType === "accessKey") add(marks.accessKeys, after(d.entity, "/"));
    else if (d.entityType === "loginProfile") marks.console = true;
    else if (d.entityType === "mfa") marks.mfa = true;
  }
  return marks;
}

/** Whether a name (group, policy, key id) is marked; IAM names compare ignoring case. */
export const marked = (set: Set<string>, name: string) => set.has(name.toLowerCase());
