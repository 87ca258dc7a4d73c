import "server-only";
import { activeAccounts, memberAccounts } from "@/lib/aws-accounts";
import { db } from "@/lib/db";
import type { ReportRow } from "@/lib/iam";
import { peopleOfAccountUsers, type AccessType, type AccountAccess } from "@/lib/people";
import { NOT_UNDERSTOOD } from "./cells";
import { matrixRows, type MatrixRow } from "./matrix-view";
import { countByUser, peopleLinksIn, recentDrift } from "./review-data";
import type { MatrixFilter } from "./review.schema";
import type { DataAge } from "./as-of";
import { latestSnapshot, snapshotAge } from "./snapshot-store";

// The review's "All accounts" view: one person × account × service matrix built from each
// account's latest snapshot (never a live read), a row per IAM user per account. Each account
// says how old its snapshot is, and an account never synced or whose last sync failed says so
// instead of dropping out of the view silently.

/** An account as the all-accounts view names it, with the age of what is shown of it. */
export interface AccountSummary {
  id: string;
  name: string;
  ouPath: string | null;
  home: boolean;
  /** The last sync that confirmed its latest snapshot; null: never synced. */
  syncedAt: Date | null;
  /** Its last sync failed (its last good snapshot, if any, is still shown). */
  lastError: string | null;
}

/**
 * A matrix row of one account's IAM user. People without an IAM user have no row here: the view
 * is of access, account by account (the single-account view lists them).
 */
export interface AcrossRow extends MatrixRow {
  account: { id: string; name: string; ouPath: string | null };
}

export interface AcrossView {
  accounts: AccountSummary[];
  /** Every service any account's snapshot grants, by name; each row's cells are aligned with it. */
  services: { service: string; serviceName: string }[];
  rows: AcrossRow[];
}

/** An OU filter matches the OU itself and everything below it ("/Workloads" holds "/Workloads/Prod"). */
const inOu = (ouPath: string | null, ou: string) =>
  ouPath !== null && (ouPath === ou || ouPath.startsWith(ou.endsWith("/") ? ou : `${ou}/`));

/** Every active account with its latest snapshot (decoded snapshots are cached) and its drift. */
async function readAccounts() {
  const accounts = await activeAccounts();
  return Promise.all(
    accounts.map(async (a) => {
      const [snapshot, drift] = await Promise.all([latestSnapshot(a.id), recentDrift(5000, a.id)]);
      const summary: AccountSummary = {
        id: a.id,
        name: a.name,
        ouPath: a.ouPath,
        home: a.source === "home",
        syncedAt: snapshot?.syncedAt ?? null,
        // lastSyncAt is the last good sync: a failure newer than it is the account's current state.
        lastError:
          a.status === "error" && (!a.lastSyncAt || (a.lastCheckedAt ?? a.lastSyncAt) > a.lastSyncAt)
            ? a.lastError
            : null,
      };
      return { account: a, summary, snapshot, drift: countByUser(drift) };
    }),
  );
}

/** The union of the snapshots' services, by name. */
function servicesOf(read: Awaited<ReturnType<typeof readAccounts>>) {
  const names = new Map<string, string>();
  for (const { snapshot } of read)
    for (const s of snapshot?.access.services ?? []) names.set(s.service, s.serviceName);
  return [...names]
    .map(([service, serviceName]) => ({ service, serviceName }))
    .sort((a, b) => a.serviceName.localeCompare(b.serviceName));
}

/** What the all-accounts page needs besides the rows: the accounts, and the filters' choices. */
export async function accountsOverview(): Promise<{
  accounts: AccountSummary[];
  services: { service: string; serviceName: string }[];
  groups: string[];
  /** When the ages were read: "synced N ago" counts from here. */
  readAt: Date;
}> {
  const read = await readAccounts();
  const groups = new Set(read.flatMap(({ snapshot }) => snapshot?.state.groups.map((g) => g.name) ?? []));
  return {
    accounts: read.map((r) => r.summary),
    services: servicesOf(read),
    groups: [...groups].sort(),
    readAt: new Date(),
  };
}

/** Every active account's latest snapshot as one matrix, with the page's filters plus account and OU. */
export async function acrossAccounts(filter: MatrixFilter, now = Date.now()): Promise<AcrossView> {
  const read = await readAccounts();
  const people = await peopleLinksIn(read.map((r) => r.account.id));
  const services = servicesOf(read);
  const column = new Map(services.map((s, i) => [s.service, i]));

  // Each account's own filters (search, role, group, service, flags) run on its snapshot.
  const { account: _all, inAccount, ou, ...perAccount } = filter;
  const rows: AcrossRow[] = [];
  for (const { account: a, snapshot, drift } of read) {
    if (!snapshot) continue;
    if (inAccount && a.id !== inAccount) continue;
    if (ou && !inOu(a.ouPath, ou)) continue;
    const own = snapshot.access.services.map((s) => column.get(s.service)!);
    for (const r of matrixRows(snapshot, people.get(a.id) ?? [], drift, perAccount, now)) {
      if (!r.user) continue;
      const cells = new Array<number>(services.length).fill(r.notUnderstood ? NOT_UNDERSTOOD : 0);
      r.cells.forEach((code, i) => (cells[own[i]] = code));
      rows.push({ ...r, cells, account: { id: a.id, name: a.name, ouPath: a.ouPath } });
    }
  }
  rows.sort(
    (a, b) =>
      (a.person ?? a.user ?? "").localeCompare(b.person ?? b.user ?? "") ||
      a.account.name.localeCompare(b.account.name),
  );
  return { accounts: read.map((r) => r.summary), services, rows };
}

const accessOfUser = (u: { passwordEnabled: boolean; accessKeys: { active: boolean }[] }): AccessType => {
  const programmatic = u.accessKeys.some((k) => k.active);
  if (u.passwordEnabled && programmatic) return "both";
  return u.passwordEnabled ? "console" : programmatic ? "programmatic" : "none";
};

/**
 * Each person's IAM users in the managed accounts other than the app's own, by person id, from
 * each account's latest snapshot (never a live read; an account never synced adds nothing): the
 * People list's "production, staging". Whose a user is, is lib/people's one rule
 * (`peopleOfAccountUsers`). One query for the accounts, one per account's latest snapshot (decoded
 * snapshots are cached), three for the people; sorted by account name.
 */
export async function accessElsewhere(): Promise<Map<string, AccountAccess[]>> {
  const others = await memberAccounts();
  const out = new Map<string, AccountAccess[]>();
  if (others.length === 0) return out;
  const [snapshots, people, links] = await Promise.all([
    Promise.all(others.map((a) => latestSnapshot(a.id))),
    peopleOfAccountUsers(others.map((a) => a.id)),
    db().personAccountLink.findMany({ where: { accountId: { in: others.map((a) => a.id) } } }),
  ]);
  const add = (personId: string, access: AccountAccess) =>
    out.set(personId, [...(out.get(personId) ?? []), access]);
  others.forEach((a, i) => {
    const users = people.get(a.id);
    const snapshot = snapshots[i];
    const seen = new Set<string>();
    for (const u of snapshot?.state.users ?? []) {
      const person = users?.get(u.name.toLowerCase());
      if (!person) continue;
      seen.add(u.name.toLowerCase());
      add(person.id, { accountId: a.id, account: a.name, userName: u.name, access: accessOfUser(u) });
    }
    // A user linked since the last sync (onboarding links what it makes) is there, not yet read:
    // said so, rather than the person shown without access until the next sync.
    for (const l of links)
      if (
        l.accountId === a.id &&
        !seen.has(l.userName.toLowerCase()) &&
        (!snapshot || l.confirmedAt > snapshot.at)
      )
        add(l.personId, {
          accountId: a.id,
          account: a.name,
          userName: l.userName,
          access: "none",
          notSyncedYet: true,
        });
  });
  for (const list of out.values()) list.sort((x, y) => x.account.localeCompare(y.account));
  return out;
}

/**
 * The app's own account's users as the People list shows them, from its newest snapshot (the
 * re-read after each request keeps it current for what Gatehouse changed), with its age; null
 * before the first sync (the list then reads IAM's credential report).
 */
export async function homeAccess(): Promise<{ rows: Map<string, ReportRow>; age: DataAge } | null> {
  const snapshot = await latestSnapshot();
  if (!snapshot) return null;
  const rows = new Map<string, ReportRow>(
    snapshot.state.users.map((u) => [
      u.name,
      {
        passwordEnabled: u.passwordEnabled,
        passwordLastUsed: u.passwordLastUsed,
        mfaActive: u.mfaActive,
        accessKeys: u.accessKeys.map((k) => ({ active: k.active, created: k.created, lastUsed: k.lastUsed })),
        activeCertificates: u.activeCertificates,
      },
    ]),
  );
  return { rows, age: snapshotAge(snapshot) };
}
