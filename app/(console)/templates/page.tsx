import type { Metadata } from "next";
import Link from "next/link";
import { FileCode2 } from "lucide-react";
import { pageActor } from "@/lib/auth/page";
import { listTemplates, publishedVersion } from "@/lib/templates";
import { groupsAndUsers } from "@/lib/iam";
import { iamClients } from "@/lib/iam/server";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { DataTable } from "@/components/ui/data-table";
import { Badge } from "@/components/ui/badge";
import { HomeAccountNote } from "@/components/accounts/home-account-note";
import { activeAccounts } from "@/lib/aws-accounts";
import { jobRolesByTemplate } from "@/lib/job-roles";

export const metadata: Metadata = { title: "Policy templates" };

export default async function TemplatesPage() {
  const actor = await pageActor("auditor");
  const [templates, iam, accounts, jobRoles] = await Promise.all([
    listTemplates(),
    groupsAndUsers(iamClients().iam).catch(() => null),
    activeAccounts(),
    // Job roles carrying each template: their groups may live in other accounts, which IAM here does not show.
    jobRolesByTemplate(),
  ]);
  const homeId = accounts.find((a) => a.source === "home")?.id ?? null;
  const accountName = new Map(accounts.map((a) => [a.id, a.name]));
  /** The app's own account's groups with the policy attached, then job roles' groups in other accounts. */
  const usedBy = (name: string): string[] => {
    const home =
      iam?.groups.filter((g) => g.attachedPolicies.some((p) => p.name === name)).map((g) => g.groupName) ??
      [];
    const elsewhere = (jobRoles.get(name) ?? []).flatMap((r) => {
      const others = (r.accounts ?? []).filter((id) => id !== homeId);
      const inHome = !r.accounts || (homeId !== null && r.accounts.includes(homeId));
      if (inHome && !home.includes(r.groupName)) home.push(r.groupName); // IAM unread, or not attached yet
      return others.length
        ? [`${r.groupName} in ${others.map((id) => accountName.get(id) ?? id).join(", ")}`]
        : [];
    });
    return [...home, ...elsewhere];
  };
  return (
    <>
      <PageHeader
        title="Policy templates"
        description="Parameterised IAM policy documents, versioned, linted, and published as customer-managed policies through approved requests."
        actions={
          actor.role !== "auditor" && (
            <Link
              href="/templates/new"
              className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500"
            >
              New template
            </Link>
          )
        }
      />
      {templates.length === 0 ? (
        <EmptyState icon={<FileCode2 className="size-8" />} title="No policy templates yet">
          Templates are linted before they are published, and publishing is an approved request like any other
          change.
        </EmptyState>
      ) : (
        <>
          <HomeAccountNote
            accounts={accounts.map((a) => ({ id: a.id, name: a.name, home: a.source === "home" }))}
            subject="“Used by groups” lists the groups"
          >
            Job roles&apos; groups in other accounts are listed with the accounts they are in.
          </HomeAccountNote>
          <DataTable columns={["Template", "Latest", "Published", "Used by groups"]}>
            {templates.map((t) => {
              const published = publishedVersion(t.versions);
              const groups = usedBy(t.name);
              return (
                <tr key={t.id}>
                  <td className="px-4 py-2">
                    <Link
                      href={`/templates/${encodeURIComponent(t.name)}`}
                      className="font-medium text-indigo-700 hover:underline"
                    >
                      {t.name}
                    </Link>
                    <div className="text-xs text-slate-500">{t.description}</div>
                  </td>
                  <td>v{t.versions[0]?.number ?? "—"}</td>
                  <td>
                    {published ? (
                      <Badge tone={published.number === t.versions[0]?.number ? "green" : "amber"}>
                        v{published.number} published
                        {published.number !== t.versions[0]?.number &&
                          ` (v${t.versions[0]?.number} is a draft)`}
                      </Badge>
                    ) : (
                      <Badge>Not published</Badge>
                    )}
                  </td>
                  <td>{groups.join(", ") || "—"}</td>
                </tr>
              );
            })}
          </DataTable>
        </>
      )}
    </>
  );
}
