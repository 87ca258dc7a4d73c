import type { StepView } from "@/lib/changes/types";
import { StepStatusBadge } from "./status-badge";

export function PlanTable({ steps }: { steps: StepView[] }) {
  if (steps.length === 0) return <p className="text-sm text-slate-600">Nothing to do: IAM already matches what was asked.</p>;
  return (
    <ol className="divide-y divide-slate-100" aria-label="Plan steps">
      {steps.map((s) => (
        <li key={s.order} className="flex items-start gap-3 py-2.5" data-testid="plan-step" data-status={s.status}>
          <span className="mt-0.5 w-6 shrink-0 text-right font-mono text-xs text-slate-400">{s.order}</span>
          <div className="min-w-0 flex-1">
            <div className="text-sm font-medium text-slate-900">
              {s.title}
              {s.producesSecret && <span className="ml-2 text-xs font-normal text-amber-700">(credential shown once)</span>}
            </div>
            <div className="mt-0.5 text-xs text-slate-500">
              <span className="font-mono">{s.op}</span>
              {s.dependsOn.length > 0 && <> · after step {s.dependsOn.join(", ")}</>}
              {s.attempts > 1 && <> · {s.attempts} attempts</>}
              {s.iamRequestId && <> · IAM request <span className="font-mono">{s.iamRequestId}</span></>}
            </div>
            {s.error && <p role="alert" className="mt-1 text-sm text-red-700">{s.error}</p>}
            {s.status === "skipped" && typeof s.result?.reason === "string" && <p className="mt-1 text-xs text-slate-500">{s.result.reason}</p>}
          </div>
          <StepStatusBadge status={s.status} />
        </li>
      ))}
    </ol>
  );
}
