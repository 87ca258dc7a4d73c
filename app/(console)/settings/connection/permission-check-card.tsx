import type { AppIdentity } from "@/lib/iam";
import type { PermissionCheck, StatementCheck } from "@/lib/iam/server";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";

/** The app policy's statements, simulated for the app's own identity: what would be refused. */
export function PermissionCheckCard({
  identity,
  check,
}: {
  identity: AppIdentity | null;
  check: PermissionCheck | null;
}) {
  return (
    <Card
      title="What it may do"
      description="Every action Gatehouse uses, statement by statement of the app policy, simulated for this identity with iam:SimulatePrincipalPolicy."
    >
      <div data-testid="connection-permission-check" data-status={check?.status ?? "none"}>
        {!check ? (
          <p className="text-sm text-slate-600">Not checked: IAM is not reachable.</p>
        ) : check.status === "skipped" ? (
          <p className="text-sm text-slate-700">Not simulated. {check.reason}</p>
        ) : check.status === "failed" ? (
          <p className="text-sm text-red-700" role="alert">
            {check.problem}
          </p>
        ) : (
          <Checked check={check} sessionNote={identity?.kind === "assumed-role"} />
        )}
      </div>
    </Card>
  );
}

function Checked({
  check,
  sessionNote,
}: {
  check: Extract<PermissionCheck, { status: "checked" }>;
  sessionNote: boolean;
}) {
  const ok = check.denied.length === 0;
  return (
    <div className="space-y-4">
      <p
        data-testid="connection-permission-summary"
        className={`rounded-md px-3 py-2 text-sm ${ok ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-800"}`}
      >
        {check.summary}
      </p>
      <p className="text-xs text-slate-500">
        Simulated for <span className="font-mono break-all">{check.simulatedArn}</span>. Reads the policy
        grants as iam:Get* and iam:List* are checked as the reads Gatehouse makes.
        {sessionNote &&
          " AWS simulates the role's own policies: a session policy given when the role was assumed can narrow them further."}
      </p>
      <DataTable frame="none" columns={["Statement", "Resource", "Result"]}>
        {check.statements.map((st) => (
          <StatementRow key={st.sid} st={st} />
        ))}
      </DataTable>
    </div>
  );
}

function StatementRow({ st }: { st: StatementCheck }) {
  return (
    <tr data-testid="connection-permission-statement" data-sid={st.sid} className="align-top">
      <td className="py-2 pr-4 font-medium">
        {st.sid}
        <details className="text-xs font-normal text-slate-500">
          <summary className="cursor-pointer">
            {st.actions.length} {st.actions.length === 1 ? "action" : "actions"}
          </summary>
          <ul className="mt-1 font-mono">
            {st.actions.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </details>
      </td>
      <td className="py-2 pr-4 font-mono text-xs break-all">{st.resource}</td>
      <td className="py-2">
        {st.denied.length === 0 ? (
          <Badge tone="green">Allowed</Badge>
        ) : (
          <>
            <Badge tone="red">Denied</Badge>
            <ul className="mt-1 space-y-0.5 font-mono text-xs">
              {st.denied.map((d) => (
                <li key={d.action}>
                  {d.action}
                  {d.decision === "explicitDeny" && (
                    <span className="font-sans text-red-700"> (explicit deny)</span>
                  )}
                  {d.missingContext.length > 0 && (
                    <span className="font-sans text-slate-500">
                      {" "}
                      (depends on {d.missingContext.join(", ")})
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </td>
    </tr>
  );
}
