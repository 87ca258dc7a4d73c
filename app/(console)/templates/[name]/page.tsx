import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { pageActor } from "@/lib/auth/page";
import { getTemplate } from "@/lib/templates";
import { groupsAndUsers } from "@/lib/iam";
import { iamClients } from "@/lib/iam/server";
import { connectionStatus } from "@/lib/iam/server";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { PublishForm } from "@/components/templates/publish-form";
import { Time } from "@/components/ui/time";
import { formatTime } from "@/lib/format-time";

export const metadata: Metadata = { title: "Policy template" };

export default async function TemplatePage({ params }: { params: Promise<{ name: string }> }) {
  const actor = await pageActor("auditor");
  const template = await getTemplate(decodeURIComponent((await params).name));
  if (!template) notFound();
  const [iam, connection] = await Promise.all([
    groupsAndUsers(iamClients().iam).catch(() => null),
    connectionStatus(),
  ]);
  const groups = iam?.groups.filter((g) => g.attachedPolicies.some((p) => p.name === template.name)) ?? [];
  const latest = template.versions[0];
  const canPropose = actor.role !== "auditor";
  return (
    <>
      <PageHeader
        title={template.name}
        description={template.description || undefined}
        actions={
          canPropose && (
            <Link
              href={`/templates/${encodeURIComponent(template.name)}/edit`}
              className="rounded-md px-3 py-2 text-sm font-medium text-indigo-700 ring-1 ring-inset ring-indigo-200"
            >
              New version
            </Link>
          )
        }
      />
      <div className="grid gap-6 xl:grid-cols-[1fr_26rem]">
        <div className="min-w-0">
          <Card
            title={`Version ${latest.number}`}
            description={`by ${latest.createdBy}, ${formatTime(latest.createdAt)}`}
          >
            <pre className="max-h-[32rem] overflow-auto rounded-md bg-slate-950 p-4 font-mono text-xs text-slate-100">
              {latest.document}
            </pre>
          </Card>
        </div>
        <div className="space-y-6">
          {canPropose && (
            <PublishForm
              name={template.name}
              versions={template.versions.map((v) => ({ number: v.number, parameters: v.parameters }))}
              accountId={connection.accountId}
            />
          )}
          <Card title="Versions">
            <ul className="space-y-1 text-sm">
              {template.versions.map((v) => (
                <li key={v.number}>
                  v{v.number} · {v.createdBy} · <Time value={v.createdAt} />{" "}
                  {v.publishedAt && <Badge tone="green">published as {v.iamVersionId}</Badge>}
                </li>
              ))}
            </ul>
          </Card>
          <Card title="Used by">
            {groups.length ? (
              <ul className="text-sm">
                {groups.map((g) => (
                  <li key={g.groupName}>
                    {g.groupName} ({g.members.length} member{g.members.length === 1 ? "" : "s"}:{" "}
                    {g.members.join(", ") || "none"})
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-600">No group uses it yet.</p>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
