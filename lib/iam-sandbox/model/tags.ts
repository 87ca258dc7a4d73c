import { IamError, invalidInput } from "./errors";
import type { Handler } from "./handler";
import { byKey, pageOut, paginate, paginateOrdered } from "./paginate";
import type { Params } from "./params";
import type { Ctx } from "./state";
import type { Tag } from "./types";

const fold = (key: string) => key.toLowerCase();

/**
 * TagX: merge by key, at most 50 per entity (docs/iam-facts.md#tags). Keys compare ignoring case;
 * a tag that is already there keeps its key's spelling and takes the new value.
 */
export function applyTags(existing: Tag[], incoming: Tag[]): Tag[] {
  const byKey = new Map<string, Tag>();
  for (const t of incoming) {
    if (byKey.has(fold(t.Key)))
      throw invalidInput("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
    byKey.set(fold(t.Key), t);
  }
  const updated = existing.map((t) => {
    const next = byKey.get(fold(t.Key));
    return next ? { Key: t.Key, Value: next.Value } : t;
  });
  const known = new Set(existing.map((t) => fold(t.Key)));
  const merged = updated.concat(incoming.filter((t) => !known.has(fold(t.Key))));
  if (merged.length > 50)
    throw new IamError("LimitExceeded", "The number of tags has reached the maximum limit.");
  return merged;
}

export function removeTags(existing: Tag[], p: Params): Tag[] {
  const keys = new Set(p.list("TagKeys").map(fold));
  return existing.filter((t) => !keys.has(fold(t.Key)));
}

/**
 * TagX, UntagX and ListXTags for one kind of entity. `change` finds the entity TagX and UntagX
 * change (from the request's parameters); `read`, the one ListXTags lists (default: `change`).
 * ListXTags answers by key, or, with `order: "as added"`, in the order the tags were added.
 */
export function tagHandlers<T extends { tags: Tag[] }>(spec: {
  change: (ctx: Ctx) => T;
  read?: (ctx: Ctx) => T;
  order: "by key" | "as added";
}): { tag: Handler; untag: Handler; list: Handler } {
  const read = spec.read ?? spec.change;
  return {
    tag(ctx) {
      const entity = spec.change(ctx);
      entity.tags = applyTags(entity.tags, ctx.p.tags());
      return undefined;
    },
    untag(ctx) {
      const entity = spec.change(ctx);
      entity.tags = removeTags(entity.tags, ctx.p);
      return undefined;
    },
    list(ctx) {
      const { tags } = read(ctx);
      const page =
        spec.order === "by key"
          ? paginate(
              byKey(tags, (t) => t.Key),
              (t) => t.Key,
              ctx.p,
            )
          : paginateOrdered(tags, ctx.p);
      return pageOut("Tags", page);
    },
  };
}
