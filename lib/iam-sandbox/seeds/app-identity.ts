import { createAccessKey } from "../model/access-keys";
import { attachPolicy, principal } from "../model/attach";
import { createPolicy } from "../model/policies";
import type { Ctx } from "../model/state";
import type { AccessKey, State, User } from "../model/types";
import { createUser } from "../model/users";
import { seedContext } from "./context";
import appPolicy from "../../../deploy/aws/member-policy.json";

// The identity Gatehouse runs as against the sandbox: an IAM user whose only permissions are the
// app policy, as a CTO would set it up in a real account (README, "Live mode"). Signing as it
// instead of root makes every journey prove that the policy is enough. The sandbox does not
// import app code: it reads deploy/aws/member-policy.json, the file snapshot of lib/iam's
// appPolicy() that lib/iam/live-setup.test.ts keeps equal (after changing the ops table:
// npx vitest run lib/iam/live-setup.test.ts -u).

export const APP_USER = "gatehouse-app";
export const APP_POLICY = "GatehouseApp";

/** The customer managed policy GatehouseApp (the app policy), attached to a user or a role. */
export function attachAppPolicy(ctx: Ctx, kind: "User" | "Role", name: string): void {
  const policy = createPolicy(ctx, {
    name: APP_POLICY,
    path: "/",
    document: JSON.stringify(appPolicy, null, 2),
    description: "What Gatehouse needs to manage IAM, and no more",
  });
  attachPolicy(ctx, principal(ctx, kind, name), policy.arn);
}

export function addAppIdentity(ctx: Ctx): void {
  createUser(ctx, APP_USER, "/", [{ Key: "purpose", Value: "Gatehouse app - least privilege" }]);
  attachAppPolicy(ctx, "User", APP_USER);
  createAccessKey(ctx, ctx.state.users.get(APP_USER)!);
}

/**
 * The app user's key pair, for whoever starts the app (the demo, the e2e stack): its first active
 * key, or a new one if it has none left (say, after an operator deleted it). Undefined without
 * the user (a seed without it, or it was deleted).
 */
export function appCredentials(ctx: Ctx): { user: User; key: AccessKey } | undefined {
  const user = ctx.state.users.get(APP_USER);
  if (!user) return undefined;
  const key = user.accessKeys.find((k) => k.status === "Active") ?? createAccessKey(ctx, user);
  return { user, key };
}

/**
 * After a reset: the app user of `before` stays in `after` with the same keys, so a running app
 * keeps signing (the reset restores the seed, not the app's access). Without one in `before`,
 * `after` is left as the seed made it.
 */
export function keepAppIdentity(before: State, after: State, now: number): void {
  const kept = before.users.get(APP_USER);
  if (!kept) return;
  if (!after.users.has(APP_USER)) {
    const ctx: Ctx = { ...seedContext(after.accountId, now), state: after };
    addAppIdentity(ctx);
  }
  const user = after.users.get(APP_USER)!;
  for (const k of user.accessKeys) after.keyOwners.delete(k.id);
  user.accessKeys = kept.accessKeys.map((k) => ({ ...k }));
  for (const k of user.accessKeys) after.keyOwners.set(k.id, APP_USER);
}
