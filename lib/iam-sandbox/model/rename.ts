import { nameTaken } from "./errors";
import type { Handler } from "./handler";
import { RULES } from "./params";
import type { SortedMap } from "./sorted-map";
import type { Ctx } from "./state";

/**
 * A new name for a user or group: the entity moves to the new (lower-cased) key of its
 * collection; a name another one holds is refused. Returns both keys, for the indexes that
 * refer to the entity by name.
 */
export function renameIn<T extends { name: string }>(
  entities: SortedMap<T>,
  kind: "User" | "Group",
  entity: T,
  newName: string,
): { oldKey: string; newKey: string } {
  const oldKey = entity.name.toLowerCase();
  const newKey = newName.toLowerCase();
  if (newKey !== oldKey && entities.has(newKey)) throw nameTaken(kind, newName);
  entities.delete(oldKey);
  entity.name = newName;
  entities.set(newKey, entity);
  return { oldKey, newKey };
}

/**
 * UpdateUser and UpdateGroup: the entity `find` reads from the parameters, then New<Kind>Name
 * renames it (through `rename`, which also moves the indexes that name it) and NewPath moves it.
 */
export function updateHandler<T extends { path: string }>(
  kind: "User" | "Group",
  find: (ctx: Ctx) => T,
  rename: (ctx: Ctx, entity: T, newName: string) => void,
): Handler {
  const nameRule = kind === "User" ? RULES.userName : RULES.groupName;
  return (ctx) => {
    const entity = find(ctx);
    const newName = ctx.p.opt(`New${kind}Name`, nameRule);
    const newPath = ctx.p.opt("NewPath", RULES.path);
    if (newName !== undefined) rename(ctx, entity, newName);
    if (newPath !== undefined) entity.path = newPath;
    return undefined;
  };
}
