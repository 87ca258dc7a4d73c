import type { Metadata } from "next";
import { pageActor } from "@/lib/auth/page";
import {
  appPolicy,
  checkAppPermissions,
  connectionStatus,
  iamClients,
  managementPolicy,
  MEMBER_ROLE_NAME,
} from "@/lib/iam/server";
import { PageHeader } from "@/components/ui/page-header";
import { CodeBlock } from "@/components/ui/code-block";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { IdentityCard } from "./identity-card";
import { PermissionCheckCard } from "./permission-check-card";

export const metadata: Metadata = { title: "Connection" };
export const dynamic = "force-dynamic";

export default async function ConnectionPage() {
  await pageActor("auditor");
  const s = await connectionStatus({ fresh: true });
  const check = s.identity ? await checkAppPermissions(iamClients().iam, s.identity) : null;
  return (
    <>
      <PageHeader title="Connection" description="Where Gatehouse reads and changes IAM." />
      <div className="space-y-6">
        <Card title="Status">
          <dl className="grid grid-cols-[10rem_1fr] gap-y-2 text-sm">
            <dt className="text-slate-500">Mode</dt>
            <dd>
              {s.mode === "live" ? (
                <Badge tone="red">Live AWS account</Badge>
              ) : (
                <Badge tone="amber">IAM sandbox</Badge>
              )}
            </dd>
            <dt className="text-slate-500">IAM endpoint</dt>
            <dd className="font-mono" data-testid="connection-iam-endpoint">
              {s.endpoints?.iam ?? "—"}
            </dd>
            <dt className="text-slate-500">STS endpoint</dt>
            <dd className="font-mono" data-testid="connection-sts-endpoint">
              {s.endpoints?.sts ?? "—"}
            </dd>
            {s.mode === "live" && (
              <>
                <dt className="text-slate-500">Endpoint source</dt>
                <dd>
                  {s.configuredEndpointAllowed ? (
                    <Badge tone="amber">
                      Configured endpoints allowed (IAM_ALLOW_CONFIGURED_ENDPOINT): AWS_ENDPOINT_URL* and
                      endpoint_url count
                    </Badge>
                  ) : (
                    "AWS's own endpoints; AWS_ENDPOINT_URL* and endpoint_url in the shared config are ignored. Credentials from the default chain."
                  )}
                </dd>
              </>
            )}
            <dt className="text-slate-500">Reachable</dt>
            <dd data-testid="connection-reachable">
              {s.reachable ? <Badge tone="green">Yes</Badge> : <Badge tone="red">No</Badge>}
            </dd>
            <dt className="text-slate-500">Account id</dt>
            <dd className="font-mono" data-testid="connection-account">
              {s.accountId ?? "—"}
            </dd>
            {s.problem && (
              <>
                <dt className="text-slate-500">Problem</dt>
                <dd className="text-red-700" role="alert">
                  {s.problem}
                </dd>
              </>
            )}
          </dl>
        </Card>
        <IdentityCard identity={s.identity} mode={s.mode} />
        <PermissionCheckCard identity={s.identity} check={check} />
        <Card
          title="IAM policy for live mode"
          description="Attach this policy to the role or user Gatehouse runs as. It allows what the app does and nothing else."
        >
          <CodeBlock label="IAM policy for live mode" className="max-h-[28rem]">
            {JSON.stringify(appPolicy(), null, 2)}
          </CodeBlock>
        </Card>
        <Card
          title="Across an organization: the management-side policy"
          description={`Also attach this one to Gatehouse's identity in the management account (or a delegated administrator): it lists the organization's accounts and assumes ${MEMBER_ROLE_NAME} in each, where the policy above is the role's. The StackSet in deploy/aws deploys that role.`}
        >
          <CodeBlock label="Management-side policy" className="max-h-[28rem]" testId="management-policy">
            {JSON.stringify(managementPolicy(), null, 2)}
          </CodeBlock>
        </Card>
      </div>
    </>
  );
}
