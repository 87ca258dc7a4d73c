import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { Activity, ClipboardCheck, Download, KeyRound, Printer } from "lucide-react";
import { pageActor } from "@/lib/auth/page";
import { ALL_ACCOUNTS, matrixFilterSchema, type MatrixFilter } from "@/lib/review/review.schema";
import {
  accountsOverview,
  credentialFlags,
  getSyncMinutes,
  driftPanel,
  latestSnapshot,
  getRetention,
} from "@/lib/review";
import { jobRoleNames } from "@/lib/job-roles";
import { listAccounts } from "@/lib/aws-accounts";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { SkeletonBlock } from "@/components/ui/skeleton";
import { readFilter, type SearchParams } from "@/components/ui/filter-form";
import { SyncStatus } from "@/components/review/sync-status";
import { AccountPicker, type PickerAccount } from "@/components/review/account-picker";
import { MatrixTable } from "@/components/review/matrix-table";
import { MatrixFilters } from "@/components/review/matrix-filters";
import { DriftPanel, DriftSourceNote } from "@/components/review/drift-panel";
import { IntervalForm } from "@/components/review/interval-form";
import { AccountsSyncPanel } from "@/components/review/accounts-sync-panel";
import { RetentionForm } from "@/components/review/retention-form";

export const metadata: Metadata = { title: "Access review" };

/** The filter as a query string (for the matrix route, the CSV export and the report). */
function toQuery(filter: MatrixFilter): string {
  const entries = Object.entries(filter).filter(([, v]) => v !== undefined && v !== false && v !== "");
  return new URLSearchParams(entries.map(([k, v]) => [k, v === true ? "1" : String(v)])).toString();
}

async function ReviewBody({
  filter,
  query,
  isAdmin,
  canAcknowledge,
  account,
}: {
  filter: MatrixFilter;
  query: string;
  isAdmin: boolean;
  /** Operators and admins acknowledge drift with a note (review.acknowledgeDrift). */
  canAcknowledge: boolean;
  /** The account shown (null: the app's own, before STS has told which it is). */
  account: PickerAccount | null;
}) {
  // The matrix itself comes from /api/review/matrix; the page needs only the filters' choices.
  const [snapshot, jobRoles, drift, minutes, retention] = await Promise.all([
    latestSnapshot(account?.id),
    jobRoleNames(),
    driftPanel(account?.id, 200),
    getSyncMinutes(),
    getRetention(),
  ]);
  const settings = isAdmin && (
    <section
      aria-labelledby="review-settings"
      className="mt-6 rounded-lg border border-slate-200 bg-white p-3"
    >
      <h2 id="review-settings" className="mb-2 text-sm font-semibold text-slate-800">
        Sync settings
      </h2>
      <div className="space-y-4">
        <IntervalForm minutes={minutes} />
        <RetentionForm days={retention.days} max={retention.max} />
      </div>
    </section>
  );
  if (!snapshot) {
    return (
      <>
        <EmptyState
          icon={<ClipboardCheck className="size-8" />}
          title={account && !account.home ? `No sync of ${account.name} yet` : "No sync yet"}
        >
          A sync reads the whole account once and computes everyone&apos;s effective access per service.
        </EmptyState>
        {settings}
      </>
    );
  }
  const groups = snapshot.state.groups.map((g) => g.name).sort();
  return (
    <>
      <DriftSourceNote cloudTrail={snapshot.counts.cloudTrail} />
      <DriftPanel items={drift.items} open={drift.open} canAcknowledge={canAcknowledge} />
      <MatrixFilters
        filter={filter}
        jobRoles={jobRoles}
        groups={groups}
        services={snapshot.access.services}
      />
      <MatrixTable query={query} accountId={account && !account.home ? account.id : undefined} />
      {settings}
    </>
  );
}

/**
 * "All accounts": every account's latest snapshot in one matrix, each account's age said (never
 * synced and failing accounts included), filters by account and OU, and Sync all for admins.
 */
async function AllAccountsBody({
  filter,
  query,
  isAdmin,
}: {
  filter: MatrixFilter;
  query: string;
  isAdmin: boolean;
}) {
  const [overview, jobRoles] = await Promise.all([accountsOverview(), jobRoleNames()]);
  return (
    <>
      <AccountsSyncPanel
        canSyncAll={isAdmin}
        renderedAt={overview.readAt.getTime()}
        accounts={overview.accounts.map((a) => ({
          id: a.id,
          name: a.name,
          ouPath: a.ouPath,
          syncedAt: a.syncedAt?.toISOString() ?? null,
          lastError: a.lastError,
        }))}
      />
      <MatrixFilters
        filter={filter}
        jobRoles={jobRoles}
        groups={overview.groups}
        services={overview.services}
        accounts={overview.accounts}
      />
      <MatrixTable query={query} across />
    </>
  );
}

export default async function ReviewPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageActor("auditor");
  const { filter, valid } = await readFilter(matrixFilterSchema, searchParams);
  const query = toQuery(filter);
  const { accounts: rows } = await listAccounts();
  const accounts: PickerAccount[] = rows.map((a) => ({
    id: a.id,
    name: a.name,
    home: a.source === "home",
    status: a.status,
    lastError: a.lastError,
  }));
  const home = accounts.find((a) => a.home) ?? null;
  const all = filter.account === ALL_ACCOUNTS && accounts.length > 1;
  const account =
    filter.account && filter.account !== ALL_ACCOUNTS
      ? (accounts.find((a) => a.id === filter.account) ?? null)
      : home;
  const link =
    "inline-flex items-center gap-1 rounded-md px-3 py-2 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50";
  return (
    <>
      <PageHeader
        title="Access review"
        description="Who can do what in the account, why, and what changed outside Gatehouse."
        actions={
          all ? undefined : account || !filter.account ? (
            <SyncStatus
              key={account?.id ?? "home"}
              canSync={actor.role !== "auditor"}
              accountId={filter.account}
            />
          ) : undefined
        }
      />
      {accounts.length > 1 && (
        <AccountPicker accounts={accounts} selected={all ? ALL_ACCOUNTS : (account?.id ?? home?.id ?? "")} />
      )}
      <div className="mb-4 flex flex-wrap gap-2">
        <a href={`/api/review/export${query ? `?${query}` : ""}`} className={link} download>
          <Download className="size-4" aria-hidden /> Export CSV
        </a>
        {!all && (
          // The printable report is one account's (the all-accounts view is exported as CSV).
          <Link href={`/review/report${query ? `?${query}` : ""}`} className={link}>
            <Printer className="size-4" aria-hidden /> Printable report
          </Link>
        )}
        <Link href="/review/usage" className={link}>
          <Activity className="size-4" aria-hidden /> Service use
        </Link>
        <Link href="/review/campaigns" className={link}>
          <ClipboardCheck className="size-4" aria-hidden /> Review campaigns
        </Link>
        <Link href="/review/credentials" className={link} data-testid="credentials-link">
          <KeyRound className="size-4" aria-hidden /> Credential hygiene
          <CredentialFlags />
        </Link>
      </div>
      {!valid && (
        <p role="alert" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Some filters were not understood and are ignored.
        </p>
      )}
      {all ? (
        <Suspense
          key={ALL_ACCOUNTS}
          fallback={<SkeletonBlock label="Loading every account's latest snapshot…" />}
        >
          <AllAccountsBody filter={filter} query={query} isAdmin={actor.role === "admin"} />
        </Suspense>
      ) : filter.account && !account ? (
        <EmptyState icon={<ClipboardCheck className="size-8" />} title="That account is not in Gatehouse">
          Pick one of the accounts above, or add it on the Accounts page.
        </EmptyState>
      ) : (
        <Suspense
          key={account?.id ?? "home"}
          fallback={
            <SkeletonBlock label={`Loading the latest snapshot${account ? ` of ${account.name}` : ""}…`} />
          }
        >
          <ReviewBody
            filter={filter}
            query={query}
            isAdmin={actor.role === "admin"}
            canAcknowledge={actor.role !== "auditor"}
            account={account}
          />
        </Suspense>
      )}
    </>
  );
}

/** The review's credential flags beside the link: console users without MFA, keys beyond the key policy. */
async function CredentialFlags() {
  const flags = await credentialFlags();
  if (!flags || flags.noMfa + flags.keys === 0) return null;
  return (
    <span className="ml-1 rounded-full bg-red-50 px-2 text-xs text-red-700 ring-1 ring-inset ring-red-200">
      {[
        flags.noMfa && `${flags.noMfa} without MFA`,
        flags.keys && `${flags.keys} key${flags.keys === 1 ? "" : "s"}`,
      ]
        .filter(Boolean)
        .join(" · ")}
    </span>
  );
}
