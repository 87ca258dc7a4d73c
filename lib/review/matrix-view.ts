import { decodeCell, encodeCell, levelCode, NOT_UNDERSTOOD } from "./cells";
import { shownCell } from "./self-service";
import type { Snapshot } from "./snapshot-store";
import type { UserState } from "./types";
import type { MatrixFilter } from "./review.schema";

export { levelCode } from "./cells";

/** A person as one account's review sees them (review-data.ts `peopleLinks`). */
export interface PersonLink {
  name: string;
  jobRole: string | null;
  /** Their IAM user in the account reviewed (linked, or of their name), compared ignoring case; null: none there. */
  iamUserName: string | null;
}

/** One matrix row as the client gets it: small, and `cells` aligned with the services list. */
export interface MatrixRow {
  /** IAM user name; null for a person without an IAM user (e.g. Peter). */
  user: string | null;
  person: string | null;
  jobRole: string | null;
  groups: string[];
  console: boolean;
  programmatic: boolean;
  mfa: boolean;
  keyUnused90: boolean;
  passwordNeverUsed: boolean;
  drift: number;
  /**
   * Some policy reaching this user could not be evaluated (Snapshot.notUnderstood): the cells
   * show what the readable policies grant, and "not understood" (never none) elsewhere.
   */
  notUnderstood: boolean;
  /** Per service, lib/review/cells.ts's codes: level, +10 conditional, +20 specific resources, +40 self-service. */
  cells: number[];
}

export const DAY_MS = 86_400_000;

export function keyUnused(u: UserState, now: number, days = 90): boolean {
  return u.accessKeys.some(
    (k) => k.active && now - new Date(k.lastUsed ?? k.created).getTime() > days * DAY_MS,
  );
}

/** Every IAM user and every person, joined, with their cells; filtered as the review page asks. */
export function matrixRows(
  snapshot: Snapshot,
  people: PersonLink[],
  drift: Map<string, number>,
  filter: MatrixFilter,
  now = Date.now(),
): MatrixRow[] {
  const services = snapshot.access.services.map((s) => s.service);
  const column = new Map(services.map((s, i) => [s, i]));
  const byUser = new Map(people.filter((p) => p.iamUserName).map((p) => [p.iamUserName!.toLowerCase(), p]));
  const rows: MatrixRow[] = [];
  const iamUsers = new Set<string>();
  for (const u of snapshot.state.users) {
    iamUsers.add(u.name.toLowerCase());
    const person = byUser.get(u.name.toLowerCase());
    const notUnderstood = Boolean(snapshot.notUnderstood[u.name]?.length);
    const cells = new Array<number>(services.length).fill(notUnderstood ? NOT_UNDERSTOOD : 0);
    for (const c of snapshot.access.sets[snapshot.access.byUser[u.name]] ?? []) {
      const shown = shownCell(
        c,
        c.why.map((i) => snapshot.access.grants[i]),
      );
      // A self-service-only cell of a user whose other policies are unreadable stays "not understood".
      cells[column.get(c.service)!] = notUnderstood && !shown.level ? NOT_UNDERSTOOD : encodeCell(shown);
    }
    rows.push({
      user: u.name,
      person: person?.name ?? null,
      jobRole: person?.jobRole ?? null,
      groups: u.groups,
      console: u.passwordEnabled,
      programmatic: u.accessKeys.some((k) => k.active),
      mfa: u.mfaActive,
      keyUnused90: keyUnused(u, now),
      passwordNeverUsed: u.passwordEnabled && !u.passwordLastUsed,
      drift: drift.get(u.name.toLowerCase()) ?? 0,
      notUnderstood,
      cells,
    });
  }
  for (const p of people) {
    if (p.iamUserName && iamUsers.has(p.iamUserName.toLowerCase())) continue;
    rows.push({
      user: null,
      person: p.name,
      jobRole: p.jobRole,
      groups: [],
      console: false,
      programmatic: false,
      mfa: false,
      keyUnused90: false,
      passwordNeverUsed: false,
      drift: 0,
      notUnderstood: false,
      cells: new Array<number>(services.length).fill(0),
    });
  }
  const q = filter.q?.toLowerCase();
  const serviceColumn = filter.service ? column.get(filter.service) : undefined;
  return (
    rows
      .filter((r) => !q || r.user?.toLowerCase().includes(q) || r.person?.toLowerCase().includes(q))
      .filter((r) => !filter.jobRole || r.jobRole === filter.jobRole)
      .filter((r) => !filter.group || r.groups.some((g) => g.toLowerCase() === filter.group!.toLowerCase()))
      // Fail closed: someone whose access is not understood may have any level on any service.
      // Self-service counts for "any level" only: "who can write to IAM" means beyond one's own user.
      .filter(
        (r) =>
          !filter.service ||
          r.notUnderstood ||
          (serviceColumn !== undefined &&
            ((r.cells[serviceColumn] % 10 > 0 &&
              r.cells[serviceColumn] % 10 >= levelCode(filter.minLevel ?? "List")) ||
              (!filter.minLevel && decodeCell(r.cells[serviceColumn]).selfService))),
      )
      .filter(
        (r) =>
          filter.access === undefined ||
          (filter.access === "console"
            ? r.console
            : filter.access === "programmatic"
              ? r.programmatic
              : !r.console && !r.programmatic),
      )
      .filter((r) => !filter.mfaOff || (r.console && !r.mfa))
      .filter((r) => !filter.keyUnused || r.keyUnused90)
      .filter((r) => !filter.passwordNeverUsed || r.passwordNeverUsed)
      .filter((r) => !filter.drift || r.drift > 0)
      .filter((r) => !filter.notUnderstood || r.notUnderstood)
      .sort((a, b) => (a.person ?? a.user ?? "").localeCompare(b.person ?? b.user ?? ""))
  );
}
