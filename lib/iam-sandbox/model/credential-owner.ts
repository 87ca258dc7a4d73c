import { IamError } from "./errors";
import { RULES } from "./params";
import { userOrCaller, type Ctx } from "./state";
import type { User } from "./types";

/** UserName, else the key's owner; root credentials must name a user for these calls. */
export function ownerOrFail(ctx: Ctx): User {
  const user = userOrCaller(ctx, ctx.p.opt("UserName", RULES.userName));
  if (!user)
    throw new IamError("ValidationError", "Must specify userName when calling with non-User credentials");
  return user;
}

/** The credential with this id in one of the user's lists; else NoSuchEntity, worded the same for every kind. */
export function credentialById<C extends { id: string }>(credentials: C[], label: string, id: string): C {
  const found = credentials.find((c) => c.id === id);
  if (!found) throw new IamError("NoSuchEntity", `The ${label} with id ${id} cannot be found.`);
  return found;
}

/** For List calls under root credentials AWS lists the root's own (here: none). */
export function ownerOrRoot(ctx: Ctx): User | undefined {
  return userOrCaller(ctx, ctx.p.opt("UserName", RULES.userName));
}
