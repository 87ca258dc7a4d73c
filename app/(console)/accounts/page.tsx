import type { Metadata } from "next";
import { Building2 } from "lucide-react";
import { pageActor } from "@/lib/auth/page";
import { listAccounts, type AccountView } from "@/lib/aws-accounts";
import { connectionStatus } from "@/lib/iam/server";
import { latestSnapshotInfo } from "@/lib/review";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { DataTable } from "@/components/ui/data-table";
import { Badge } from "@/components/ui/badge";
import { AddAccountDialog } from "@/components/accounts/add-account-dialog";
import { AccountActions, DiscoverButton } from "@/components/accounts/account-actions";
import { formatTime } from "@/lib/format-time";

export const metadata: Metadata = { title: "AWS accounts" };
export const dynamic = "force-dynamic";

const SOURCE: Record<string, string> = {
  home: "Gatehouse's own",
  organizations: "Organizations",
  manual: "Added by role",
};

const when = (d: Date | null) => formatTime(d);

function Connection({ a }: { a: AccountView }) {
  return (
    <>
      <Status a={a} />
      {a.leftOrganizationAt && (
        <div className="mt-1 max-w-md text-xs text-amber-900" data-testid="account-left">
          <Badge tone="amber">Left the organization</Badge> AWS Organizations stopped listing it on{" "}
          {when(a.leftOrganizationAt)}. Gatehouse still reaches it through its role; remove it here if it is
          no longer the company&apos;s.
        </div>
      )}
    </>
  );
}

function Status({ a }: { a: AccountView }) {
  if (a.status === "ok")
    return (
      <div>
        <Badge tone="green">Connected</Badge>
        <div className="mt-1 break-all font-mono text-xs text-slate-600">{a.assumedPrincipal}</div>
      </div>
    );
  if (a.status === "error")
    return (
      <div>
        <Badge tone="red">Cannot connect</Badge>
        <div className="mt-1 max-w-md text-xs text-red-800" data-testid="account-error">
          {a.lastError}
        </div>
      </div>
    );
  return <Badge tone="amber">Not checked yet</Badge>;
}

export default async function AccountsPage() {
  const actor = await pageActor("auditor");
  const [{ accounts, homeProblem }, status, snapshot] = await Promise.all([
    listAccounts(),
    connectionStatus(),
    latestSnapshotInfo(),
  ]);
  const admin = actor.role === "admin";
  return (
    <>
      <PageHeader
        title="AWS accounts"
        description="The AWS accounts Gatehouse manages: its own, those of your AWS Organization, and those added by a role Gatehouse may assume."
        actions={
          admin && (
            <>
              <DiscoverButton />
              <AddAccountDialog appPrincipal={status.principalArn} />
            </>
          )
        }
      />
      {homeProblem && (
        <p role="alert" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {homeProblem}
        </p>
      )}
      {accounts.length === 0 ? (
        <EmptyState icon={<Building2 className="size-8" />} title="No accounts yet">
          Gatehouse lists its own account once it can reach AWS. Add others by their role, or discover them
          from AWS Organizations.
        </EmptyState>
      ) : (
        <DataTable
          frame="scroll"
          columns={[
            { label: "Account", className: "px-4 py-2" },
            "OU",
            "Source",
            "Connection",
            "Last check",
            "Last sync",
            { label: "Actions", srOnly: true },
          ]}
        >
          {accounts.map((a) => (
            <tr key={a.id} data-testid="account-row" data-account={a.id} className="align-top">
              <td className="px-4 py-2">
                <div className="font-medium">{a.name}</div>
                <div className="font-mono text-xs text-slate-500">{a.id}</div>
                {a.roleArn && <div className="break-all font-mono text-xs text-slate-500">{a.roleArn}</div>}
              </td>
              <td className="py-2 font-mono text-xs">{a.ouPath ?? "—"}</td>
              <td className="py-2">{SOURCE[a.source] ?? a.source}</td>
              <td className="py-2">
                <Connection a={a} />
              </td>
              <td className="py-2 text-xs">{when(a.lastCheckedAt)}</td>
              <td className="py-2 text-xs">
                {when(a.source === "home" ? (snapshot?.syncedAt ?? null) : a.lastSyncAt)}
              </td>
              <td className="py-2 pr-4">
                {admin && <AccountActions id={a.id} name={a.name} removable={a.source !== "home"} />}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
