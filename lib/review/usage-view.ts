import type { Snapshot } from "./snapshot-store";

// What the review's "Service use" page shows from a snapshot's Access Advisor copy: per person
// and granted service the last use, whether it is unused for the window (90 days by default),
// and per job role how many of its members never used / did not use each service lately.

export const UNUSED_DAYS = 90;
const DAY = 86_400_000;

export interface UsageRow {
  user: string;
  /** the job role whose group the person is in, if any */
  jobRole: string | null;
  groupName: string | null;
  service: string;
  serviceName: string;
  /** ISO time of the last use, null = never (within Access Advisor's tracking period) */
  lastUsed: string | null;
  unused: boolean;
  /** where the grant comes from: "direct" or group names (the access matrix's "via") */
  grantedVia: string[];
}

export interface RoleSummary {
  jobRole: string;
  groupName: string;
  service: string;
  serviceName: string;
  members: number;
  never: number;
  unused: number;
}

export interface UsageView {
  /** the time the view was computed for (pages show ages against it) */
  now: number;
  /** when Access Advisor was read; null = never read into a snapshot */
  readAt: string | null;
  error?: string;
  rows: UsageRow[];
  summaries: RoleSummary[];
}

/** `roleGroups`: job role name → group name (lib/job-roles). */
export function usageView(
  snapshot: Snapshot,
  roleGroups: Map<string, string>,
  opts: { now?: number; days?: number } = {},
): UsageView {
  const data = snapshot.state.lastAccessed;
  const now = opts.now ?? Date.now();
  if (!data) return { now, readAt: null, rows: [], summaries: [] };
  const cutoff = now - (opts.days ?? UNUSED_DAYS) * DAY;
  const names = new Map(snapshot.access.services.map((s) => [s.service, s.serviceName]));
  const roleOfGroup = new Map([...roleGroups].map(([role, group]) => [group.toLowerCase(), role]));
  const rows: UsageRow[] = [];
  for (const user of snapshot.state.users) {
    const services = data.users[user.name];
    if (!services) continue;
    const group = user.groups.find((g) => roleOfGroup.has(g.toLowerCase())) ?? null;
    const cells = snapshot.access.sets[snapshot.access.byUser[user.name]] ?? [];
    const via = (service: string) => [
      ...new Set(
        (cells.find((c) => c.service === service)?.why ?? []).map((i) => snapshot.access.grants[i].via),
      ),
    ];
    for (const [service, lastUsed] of Object.entries(services))
      rows.push({
        user: user.name,
        jobRole: group ? roleOfGroup.get(group.toLowerCase())! : null,
        groupName: group,
        service,
        serviceName: names.get(service) ?? service,
        lastUsed,
        unused: lastUsed === null || Date.parse(lastUsed) < cutoff,
        grantedVia: via(service),
      });
  }
  rows.sort((a, b) => a.user.localeCompare(b.user) || a.serviceName.localeCompare(b.serviceName));
  const byKey = new Map<string, RoleSummary>();
  for (const r of rows) {
    if (!r.jobRole || !r.groupName) continue;
    const key = `${r.jobRole}\n${r.service}`;
    let s = byKey.get(key);
    if (!s)
      byKey.set(
        key,
        (s = {
          jobRole: r.jobRole,
          groupName: r.groupName,
          service: r.service,
          serviceName: r.serviceName,
          members: 0,
          never: 0,
          unused: 0,
        }),
      );
    s.members++;
    if (r.lastUsed === null) s.never++;
    if (r.unused) s.unused++;
  }
  const summaries = [...byKey.values()].sort(
    (a, b) =>
      a.jobRole.localeCompare(b.jobRole) || b.unused - a.unused || a.serviceName.localeCompare(b.serviceName),
  );
  return { now, readAt: data.readAt, error: data.error, rows, summaries };
}

/** "3 of 5 web developers never used AWS Elastic Beanstalk" (and the 90-day half when it adds something). */
export function summaryLine(s: RoleSummary, days = UNUSED_DAYS): string {
  const of = `of ${s.members} in ${s.jobRole}`;
  const never = `${s.never} ${of} never used ${s.serviceName}`;
  if (s.unused === s.never) return never;
  if (s.never === 0) return `${s.unused} ${of} did not use ${s.serviceName} in ${days} days`;
  return `${never}; ${s.unused} did not use it in ${days} days`;
}

/**
 * Removing the person from their job role's group takes the service away only when every grant
 * of it comes through that group; otherwise the request would not do what it says.
 */
export function revocableViaRole(row: UsageRow): boolean {
  return (
    row.groupName !== null &&
    row.grantedVia.length > 0 &&
    row.grantedVia.every((v) => v.toLowerCase() === row.groupName!.toLowerCase())
  );
}

/**
 * One person's last use of one service for the person page, with the data's own date so a stale
 * copy never reads as current; undefined when Access Advisor was not read for them.
 */
export function lastUsedText(snapshot: Snapshot, userName: string, service: string): string | undefined {
  const data = snapshot.state.lastAccessed;
  const services = data?.users[userName];
  if (!data || !services || !(service in services)) return undefined;
  const asOf = `Access Advisor as of ${data.readAt.slice(0, 16).replace("T", " ")} UTC`;
  const at = services[service];
  return at ? `Last used ${at.slice(0, 10)} (${asOf})` : `Never used (${asOf})`;
}
