import type { AccessLevel } from "@/lib/policy";
import type { UnreadablePolicy, WhyEntry } from "./access";
import { DAY_MS, keyUnused, levelCode, type PersonLink } from "./matrix-view";
import type { Snapshot } from "./snapshot-store";
import type { UserState } from "./types";
import { shownCell } from "./self-service";

export interface PersonService {
  service: string;
  serviceName: string;
  /** The level without self-service grants (self-service.ts); null: self-service only. */
  level: AccessLevel | null;
  /** Self-service grants (one's own password, MFA, keys) reach beyond `level`. */
  selfService: boolean;
  conditional: boolean;
  scope: "all" | "some";
  why: WhyEntry[];
  /** The level is reached only through grants that do not come from the job role's group. */
  beyondRole: boolean;
  /** Highest level the job role's group alone grants on this service (null: none). */
  roleLevel: AccessLevel | null;
}

export interface PersonDetail {
  user: UserState;
  person: PersonLink | null;
  roleGroup: string | null;
  services: PersonService[];
  unused: string[];
  /** Policies reaching this user that Gatehouse cannot evaluate: their access is not understood, whatever `services` says. */
  notUnderstood: UnreadablePolicy[];
}

/**
 * One person's access by service with the why, compared with their job role: the role's group
 * is what the role grants (templates are published as that group's policies), so anything
 * reached only directly or through another group is "beyond the role".
 */
/** Whether a grant reaches the person through their job role's group (IAM group names ignore case). */
export const viaRoleGroup = (roleGroup: string | null, w: Pick<WhyEntry, "via">) =>
  roleGroup !== null && w.via.toLowerCase() === roleGroup.toLowerCase();

export function personDetail(
  snapshot: Snapshot,
  userName: string,
  people: PersonLink[],
  roleGroups: Map<string, string>,
  now = Date.now(),
): PersonDetail | null {
  const user = snapshot.state.users.find((u) => u.name.toLowerCase() === userName.toLowerCase());
  if (!user) return null;
  const person = people.find((p) => p.iamUserName?.toLowerCase() === user.name.toLowerCase()) ?? null;
  const roleGroup = person?.jobRole ? (roleGroups.get(person.jobRole) ?? null) : null;
  const names = new Map(snapshot.access.services.map((s) => [s.service, s.serviceName]));
  const fromRole = (w: WhyEntry) => viaRoleGroup(roleGroup, w);
  const services = (snapshot.access.sets[snapshot.access.byUser[user.name]] ?? []).map(
    (cell): PersonService => {
      const why = cell.why
        .map((i) => snapshot.access.grants[i])
        .sort((a, b) => levelCode(b.level) - levelCode(a.level));
      const shown = shownCell(cell, why);
      const roleWhy = why.filter(fromRole);
      const roleLevel = roleWhy.length
        ? roleWhy.reduce(
            (best, w) => (levelCode(w.level) > levelCode(best) ? w.level : best),
            roleWhy[0].level,
          )
        : null;
      return {
        service: cell.service,
        serviceName: names.get(cell.service) ?? cell.service,
        ...shown,
        why,
        // Self-service alone is never beyond a role: every console user has it.
        beyondRole:
          person?.jobRole && shown.level
            ? roleLevel === null || levelCode(roleLevel) < levelCode(shown.level)
            : false,
        roleLevel,
      };
    },
  );
  services.sort((a, b) => a.serviceName.localeCompare(b.serviceName));
  const unused: string[] = [];
  if (keyUnused(user, now)) unused.push("An active access key unused for more than 90 days");
  if (user.passwordEnabled && !user.passwordLastUsed)
    unused.push("A console password that has never been used");
  if (user.passwordLastUsed && now - new Date(user.passwordLastUsed).getTime() > 90 * DAY_MS)
    unused.push("Console password unused for more than 90 days");
  return {
    user,
    person,
    roleGroup,
    services,
    unused,
    notUnderstood: snapshot.notUnderstood[user.name] ?? [],
  };
}

export interface ServiceAccessor {
  user: string;
  person: string | null;
  /** The level the readable policies grant beyond self-service (null: none of them do). */
  level: AccessLevel | null;
  /** Self-service grants reach beyond `level` (self-service.ts). */
  selfService: boolean;
  /** Some policy of this user could not be evaluated: they may have more, or any, access here. */
  notUnderstood: boolean;
  conditional: boolean;
  scope: "all" | "some";
  why: WhyEntry[];
}

/** Who reaches a service, at which level, and why: "who can write to S3". Users whose access is not understood are always listed. */
export function serviceAccessors(snapshot: Snapshot, service: string, people: PersonLink[]) {
  const byUser = new Map(people.filter((p) => p.iamUserName).map((p) => [p.iamUserName!.toLowerCase(), p]));
  const out: ServiceAccessor[] = [];
  for (const u of snapshot.state.users) {
    const cell = snapshot.access.sets[snapshot.access.byUser[u.name]]?.find((c) => c.service === service);
    const notUnderstood = Boolean(snapshot.notUnderstood[u.name]?.length);
    // Fail closed: a user whose policies we cannot all read may reach this service.
    if (!cell && !notUnderstood) continue;
    const why = (cell?.why ?? []).map((i) => snapshot.access.grants[i]);
    const shown = cell ? shownCell(cell, why) : null;
    out.push({
      user: u.name,
      person: byUser.get(u.name.toLowerCase())?.name ?? null,
      level: shown?.level ?? null,
      selfService: shown?.selfService ?? false,
      notUnderstood,
      conditional: shown?.conditional ?? false,
      scope: shown?.scope ?? "all",
      why,
    });
  }
  const rank = (r: ServiceAccessor) =>
    (r.notUnderstood ? 10 : 0) + (r.level ? levelCode(r.level) : 0) + (r.selfService ? 0.5 : 0);
  return out.sort((a, b) => rank(b) - rank(a) || a.user.localeCompare(b.user));
}

/** A grant's resources in words: "all resources", "all except …" or the ARNs. */
export function scopeText(scope: WhyEntry["scope"]): string {
  if (scope === "all") return "all resources";
  if (!Array.isArray(scope)) return `all resources except ${scope.allExcept.join(", ")}`;
  return scope.join(", ");
}
