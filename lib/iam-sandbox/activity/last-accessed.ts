import type { State } from "../model/types";
import type { Activity } from "./record";

/**
 * Access Advisor's raw data: for each IAM user and role (by its unique id, so a renamed entity
 * keeps its history and a deleted-and-recreated one starts fresh, as in AWS), the last time it
 * authenticated to each service namespace, and where. Actions are kept for the services AWS
 * tracks at action level, for ACTION_LEVEL reports.
 */
export interface ServiceUse {
  at: number;
  region: string;
  /** action name to its last use, for ACTION_LEVEL_SERVICES only */
  actions?: Map<string, { at: number; region: string }>;
}

/** principal id (AIDA…/AROA…) to service namespace to its last use */
export type LastAccessed = Map<string, Map<string, ServiceUse>>;

/** The services AWS reports at action level (docs/iam-facts.md#access-advisor). */
export const ACTION_LEVEL_SERVICES = new Set(["s3", "ec2", "iam", "lambda"]);

/** A principal's use of one service at one time, from a real request, the admin endpoint or a seed. */
export function noteUse(
  state: State,
  principalId: string,
  service: string,
  use: { at: number; region: string; action?: string },
): void {
  state.lastAccessed ??= new Map();
  let services = state.lastAccessed.get(principalId);
  if (!services) state.lastAccessed.set(principalId, (services = new Map()));
  const ns = service.toLowerCase();
  const prev = services.get(ns);
  // Out-of-order input (a seed or a backfill through the admin endpoint) never moves a date back.
  const entry: ServiceUse =
    prev && prev.at >= use.at ? prev : { at: use.at, region: use.region, actions: prev?.actions };
  if (use.action && ACTION_LEVEL_SERVICES.has(ns)) {
    entry.actions ??= new Map();
    const a = entry.actions.get(use.action);
    if (!a || a.at < use.at) entry.actions.set(use.action, { at: use.at, region: use.region });
  }
  services.set(ns, entry);
}

/** A signed IAM/STS request counts as the caller's use of that service (refused ones too: AWS reports attempts). */
export function recordLastAccessed(state: State, activity: Activity): void {
  const c = activity.caller;
  const id =
    c.kind === "user"
      ? state.users.get(c.user)?.id
      : c.kind === "role"
        ? state.roles.get(c.role)?.id
        : undefined;
  if (!id) return; // the root is no IAM entity: Access Advisor does not report it
  noteUse(state, id, activity.service, {
    at: activity.at,
    region: activity.region,
    action: activity.action,
  });
}
