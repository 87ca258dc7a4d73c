import type { AccessLevel } from "@/lib/policy";
import type { ServiceCell, WhyEntry } from "./access";
import { levelCode } from "./cells";

// Every console user holds IAMUserChangePassword (and often a "manage own MFA and keys" policy):
// IAM Write on `user/${aws:username}`. Shown as a level, that is "Write on IAM" for everyone and
// hides the few people who can really change IAM. Such grants are "self-service" instead: they
// reach only the caller's own user and MFA device, whoever the caller is.

/** `arn:aws:iam::<account or *>:user/${aws:username}` or `…:mfa/${aws:username}`, any partition. */
const OWN = /^arn:aws(-[a-z]+)*:iam::(\*|\d{12}):(user|mfa)\/\$\{aws:username\}$/i;

/**
 * A grant is self-service when it is on IAM, every resource it names is the caller's own user or
 * MFA device, and it is not Permissions management: attaching or writing a policy on one's own
 * user is privilege escalation, never self-service, so it keeps its level.
 */
export function isSelfService(service: string, w: Pick<WhyEntry, "level" | "scope">): boolean {
  return (
    service === "iam" &&
    w.level !== "Permissions management" &&
    Array.isArray(w.scope) &&
    w.scope.length > 0 &&
    w.scope.every((arn) => OWN.test(arn))
  );
}

/** A cell as the review shows it: the level the grants that are not self-service reach, and whether self-service grants reach beyond it. */
export interface ShownCell {
  /** null: only self-service grants (e.g. IAMUserChangePassword's ChangePassword). */
  level: AccessLevel | null;
  /** Some self-service grant reaches above `level` (or there is no other grant). */
  selfService: boolean;
  conditional: boolean;
  scope: "all" | "some";
}

const coversAll = (scope: WhyEntry["scope"]) => !Array.isArray(scope);

/** The cell without its self-service grants; `why` are the cell's grants (resolved). */
export function shownCell(
  cell: Pick<ServiceCell, "service" | "level" | "conditional" | "scope">,
  why: WhyEntry[],
): ShownCell {
  const self = why.filter((w) => isSelfService(cell.service, w));
  if (!self.length)
    return { level: cell.level, selfService: false, conditional: cell.conditional, scope: cell.scope };
  const other = why.filter((w) => !isSelfService(cell.service, w));
  const level = other.reduce<AccessLevel | null>(
    (best, w) => (best === null || levelCode(w.level) > levelCode(best) ? w.level : best),
    null,
  );
  const top = other.filter((w) => w.level === level);
  return {
    level,
    selfService: level === null || self.some((w) => levelCode(w.level) > levelCode(level)),
    conditional: top.length > 0 && top.every((w) => w.conditional),
    // Self-service alone reaches one's own user only: specific resources.
    scope: level !== null && other.some((w) => coversAll(w.scope)) ? "all" : "some",
  };
}
