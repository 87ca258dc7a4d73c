import { identityInWords, type AppIdentity, type IamMode } from "@/lib/iam";
import { Card } from "@/components/ui/card";

/** Who the app is in IAM, and a warning that cannot be missed when it is the account root. */
export function IdentityCard({ identity, mode }: { identity: AppIdentity | null; mode: IamMode }) {
  return (
    <Card
      title="Identity"
      description="The principal Gatehouse signs its IAM calls as (STS GetCallerIdentity)."
    >
      {identity?.kind === "root" && <RootWarning mode={mode} />}
      <dl className="grid grid-cols-[10rem_1fr] gap-y-2 text-sm">
        <dt className="text-slate-500">Principal ARN</dt>
        <dd className="font-mono break-all" data-testid="connection-principal">
          {identity?.arn ?? "—"}
        </dd>
        <dt className="text-slate-500">Kind</dt>
        <dd data-testid="connection-identity-kind" data-kind={identity?.kind ?? "none"}>
          {identity ? identityInWords(identity) : "Not known: IAM is not reachable."}
        </dd>
      </dl>
    </Card>
  );
}

function RootWarning({ mode }: { mode: IamMode }) {
  return (
    <div
      role="alert"
      data-testid="connection-root-warning"
      className="mb-4 rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-900"
    >
      <p className="font-semibold">Gatehouse runs as the account&apos;s root user: it may do everything.</p>
      <p className="mt-1">
        No policy limits the root, so a mistake or a stolen session here has no bounds. Use a least-privilege
        identity with the app policy below.
      </p>
      <p className="mt-2">
        {mode === "live"
          ? "Live: create an IAM role (or user) for Gatehouse, attach the app policy, and give the app its credentials the way the AWS CLI finds them (an instance or task role, AWS_PROFILE, or an access key of that user). Then delete the root user's access keys."
          : "Sandbox: let the app sign as an IAM user that holds only the app policy (the sandbox's gatehouse-app user) instead of the root key, so the sandbox refuses what a real account would refuse."}
      </p>
    </div>
  );
}
