import type { State } from "../model/types";
import { noteUse } from "./last-accessed";

/**
 * POST /_sandbox/usage: use of a service the sandbox does not serve (EC2, S3, …), so Access
 * Advisor can report it. `principal` is a user or role name or ARN; `at` (ISO time, default now)
 * and `region` (default us-east-1) are optional. Throws (→ 400) on anything it cannot place.
 */
export function recordUsage(state: State, input: unknown, now: number): void {
  const v = (input ?? {}) as Record<string, unknown>;
  const str = (k: string) => (typeof v[k] === "string" ? (v[k] as string) : undefined);
  const principal = str("principal");
  const service = str("service");
  if (!principal) throw new Error("usage needs principal: a user or role name or ARN");
  if (!service || !/^[\w-]{1,64}$/.test(service))
    throw new Error("usage needs service: a namespace such as ec2");
  const at = str("at") === undefined ? now : Date.parse(str("at")!);
  if (Number.isNaN(at)) throw new Error("usage at must be an ISO time");
  if (at > now) throw new Error("usage at must not be in the future");
  const m = /^arn:aws:iam::\d{12}:(user|role)\/(?:.*\/)?([^/]+)$/.exec(principal);
  const name = (m ? m[2] : principal).toLowerCase();
  const user = m?.[1] !== "role" ? state.users.get(name) : undefined;
  const role = m?.[1] !== "user" ? state.roles.get(name) : undefined;
  if (user && role) throw new Error(`${principal} names both a user and a role: give its ARN`);
  const entity = user ?? role;
  if (!entity) throw new Error(`no user or role ${principal}`);
  noteUse(state, entity.id, service, {
    at,
    region: str("region") ?? "us-east-1",
    action: str("action"),
  });
}
