import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { pageActor } from "@/lib/auth/page";
import { getTemplate, lintTemplate, publishedVersion } from "@/lib/templates";
import { loadCatalog, parsePolicy, policySummary } from "@/lib/policy";
import { groupsAndUsers } from "@/lib/iam";
import { iamClients } from "@/lib/iam/server";
import { connectionStatus } from "@/lib/iam/server";
import { PageHeader } from "@/components/ui/page-header";
import { CodeBlock } from "@/components/ui/code-block";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { PublishForm } from "@/components/templates/publish-form";
import { LintFindings } from "@/components/templates/lint-findings";
import { PolicySummary } from "@/components/templates/policy-summary";
import { Time } from "@/components/ui/time";
import { formatTime } from "@/lib/format-time";

export const metadata: Metadata = { title: "Policy template" };

export default async function TemplatePage({ params }: { params: Promise<{ name: string }> }) {
  const actor = await pageActor("auditor");
  const template = await getTemplate(decodeURIComponent((await params).name));
  if (!template) notFound();
  const latest = template.versions[0];
  const [iam, connection, lint, catalog] = await Promise.all([
    groupsAndUsers(iamClients().iam).catch(() => null),
    connectionStatus(),
    lintTemplate(latest.document, latest.parameters),
    loadCatalog(),
  ]);
  const groups = iam?.groups.filter((g) => g.attachedPolicies.some((p) => p.name === template.name)) ?? [];
  const canPropose = actor.role !== "auditor";
  const live = publishedVersion(template.versions);
  // The summary of the document as it would be published (parameters at their example values).
  const parsed = lint.rendered ? parsePolicy(lint.rendered) : null;
  const summary = parsed?.ok ? policySummary(parsed.document, catalog) : null;
  const state = (n: number) =>
    n === live?.number ? "published" : !live || n > live.number ? "draft" : "earlier";
  return (
    <>
      <PageHeader
        title={template.name}
        description={
          <>
            {template.description && <span className="block">{template.description}</span>}
            <span data-testid="published-version">
              {live
                ? `v${live.number} is published (IAM version ${live.iamVersionId ?? "?"}, ${formatTime(live.publishedAt)})`
                : "Not published yet: no version is in IAM."}
              {live && latest.number !== live.number && ` · v${latest.number} is a draft`}
            </span>
          </>
        }
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
        <div className="min-w-0 space-y-6">
          <Card
            title={`Summary of version ${latest.number}`}
            description="What it grants, per service, as IAM's policy summary shows it (parameters at their example values)."
          >
            {summary ? (
              <PolicySummary rows={summary} />
            ) : (
              <p className="text-sm text-slate-600">No summary: the document does not parse (see Checks).</p>
            )}
          </Card>
          <Card title="Checks" description="The editor's lint, on this version as it would be published.">
            <div data-testid="template-lint">
              <LintFindings errors={lint.errors} warnings={lint.warnings} />
            </div>
          </Card>
          <Card
            title={`Version ${latest.number} (${state(latest.number) === "published" ? "published" : "draft"})`}
            description={`by ${latest.createdBy}, ${formatTime(latest.createdAt)}`}
          >
            <CodeBlock label={`Version ${latest.number}, policy document`} className="max-h-[32rem]">
              {latest.document}
            </CodeBlock>
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
                  {state(v.number) === "published" ? (
                    <Badge tone="green">v{v.number} published</Badge>
                  ) : state(v.number) === "draft" ? (
                    <Badge tone="amber">draft, not published</Badge>
                  ) : (
                    <Badge>{v.publishedAt ? "published before" : "never published"}</Badge>
                  )}
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
