import type { Metadata } from "next";
import { CodeBlock } from "@/components/ui/code-block";
import { KeyRound } from "lucide-react";
import { pageActor } from "@/lib/auth/page";
import { roles } from "@/lib/iam";
import { iamClients } from "@/lib/iam/server";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Badge } from "@/components/ui/badge";
import { CreateServiceRole } from "@/components/roles/create-service-role";
import { HomeAccountNote } from "@/components/accounts/home-account-note";
import { activeAccounts } from "@/lib/aws-accounts";

export const metadata: Metadata = { title: "Service roles" };

export default async function RolesPage() {
  const actor = await pageActor("auditor");
  const [list, accounts] = await Promise.all([roles(iamClients().iam), activeAccounts()]);
  return (
    <>
      <PageHeader
        title="Service roles"
        description="Resource-to-resource access: which AWS services or accounts may assume a role, and what the role may do."
        actions={actor.role !== "auditor" && <CreateServiceRole />}
      />
      <HomeAccountNote
        accounts={accounts.map((a) => ({ id: a.id, name: a.name, home: a.source === "home" }))}
        subject="Roles"
      >
        Roles in the other accounts Gatehouse manages are not listed here.
      </HomeAccountNote>
      {list.length === 0 ? (
        <EmptyState icon={<KeyRound className="size-8" />} title="No roles yet">
          Create a service role, for example for EC2 instances that send to one SQS queue.
        </EmptyState>
      ) : (
        <div className="space-y-4">
          {list.map((r) => (
            <details
              key={r.roleName}
              id={`role-${r.roleName}`}
              className="rounded-lg border border-slate-200 bg-white"
              data-testid="role"
              data-role={r.roleName}
            >
              <summary className="flex cursor-pointer flex-wrap items-center gap-3 px-4 py-3">
                <span className="font-medium">{r.roleName}</span>
                <span className="text-sm text-slate-600">
                  assumed by{" "}
                  {r.trustedBy.map((p) => (
                    <Badge key={p} tone={p.includes("*") ? "red" : "indigo"}>
                      {p}
                    </Badge>
                  ))}
                </span>
                {r.instanceProfiles.length > 0 && (
                  <span className="text-xs text-slate-500">
                    instance profile: {r.instanceProfiles.join(", ")}
                  </span>
                )}
              </summary>
              <div className="grid gap-4 border-t border-slate-100 p-4 lg:grid-cols-2">
                <div>
                  <h3 className="text-sm font-semibold">Trust policy</h3>
                  <CodeBlock label={`Trust policy of ${r.roleName}`} className="mt-1 max-h-64">
                    {JSON.stringify(JSON.parse(r.trustPolicy), null, 2)}
                  </CodeBlock>
                </div>
                <div>
                  <h3 className="text-sm font-semibold">Permissions</h3>
                  {r.attachedPolicies.length > 0 && (
                    <p className="mt-1 text-sm">
                      Managed: {r.attachedPolicies.map((p) => p.name).join(", ")}
                    </p>
                  )}
                  {r.inlinePolicies.map((p) => (
                    <div key={p.name} className="mt-2">
                      <div className="text-xs text-slate-500">Inline: {p.name}</div>
                      <CodeBlock label={`Inline policy ${p.name}`} className="mt-1 max-h-48">
                        {safePretty(p.document)}
                      </CodeBlock>
                    </div>
                  ))}
                  {r.attachedPolicies.length === 0 && r.inlinePolicies.length === 0 && (
                    <p className="mt-1 text-sm text-slate-600">No permissions.</p>
                  )}
                </div>
              </div>
            </details>
          ))}
        </div>
      )}
    </>
  );
}

function safePretty(text: string) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
