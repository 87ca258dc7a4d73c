import { IamError, invalidInput } from "./errors";
import type { Params } from "./params";
import type { Tag } from "./types";

/** TagX: merge by key (case-sensitive), at most 50 per entity (docs/iam-facts.md#tags). */
export function applyTags(existing: Tag[], incoming: Tag[]): Tag[] {
  const keys = new Set<string>();
  for (const t of incoming) {
    if (keys.has(t.Key))
      throw invalidInput("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
    keys.add(t.Key);
  }
  const merged = existing.filter((t) => !keys.has(t.Key)).concat(incoming);
  if (merged.length > 50)
    throw new IamError("LimitExceeded", "The number of tags has reached the maximum limit.");
  return merged;
}

export function removeTags(existing: Tag[], p: Params): Tag[] {
  const keys = new Set(p.list("TagKeys"));
  return existing.filter((t) => !keys.has(t.Key));
}
