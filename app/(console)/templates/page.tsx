import type { Metadata } from "next";
import Link from "next/link";
import { FileCode2 } from "lucide-react";
import { pageActor } from "@/lib/auth/page";
import { listTemplates } from "@/lib/templates";
import { groupsAndUsers } from "@/lib/iam";
import { iamClients } from "@/lib/iam/server";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { DataTable } from "@/components/ui/data-table";
import { Badge } from "@/components/ui/badge";

export const metadata: Metadata = { title: "Policy templates" };

export default async function TemplatesPage() {
  const actor = await pageActor("auditor");
  const [templates, iam] = await Promise.all([
    listTemplates(),
    groupsAndUsers(iamClients().iam).catch(() => null),
  ]);
  const usedBy = (name: string) =>
    iam?.groups.filter((g) => g.attachedPolicies.some((p) => p.name === name)).map((g) => g.groupName) ?? [];
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
        <DataTable columns={["Template", "Latest", "Published", "Used by groups"]}>
          {templates.map((t) => {
            const published = t.versions.find((v) => v.publishedAt);
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
                      v{published.number} as {published.iamVersionId}
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
      )}
    </>
  );
}
