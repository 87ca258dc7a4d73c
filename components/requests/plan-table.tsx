import type { StepView } from "@/lib/changes/types";
import { CodeBlock } from "@/components/ui/code-block";
import { Time } from "@/components/ui/time";
import { StepStatusBadge } from "./status-badge";

export function PlanTable({ steps }: { steps: StepView[] }) {
  if (steps.length === 0)
    return <p className="text-sm text-slate-600">Nothing to do: IAM already matches what was asked.</p>;
  return (
    <ol className="divide-y divide-slate-100" aria-label="Plan steps">
      {steps.map((s) => (
        <li
          key={s.order}
          className="flex items-start gap-3 py-2.5"
          data-testid="plan-step"
          data-status={s.status}
          data-account={s.accountId ?? undefined}
        >
          <span className="mt-0.5 w-6 shrink-0 text-right font-mono text-xs text-slate-400">{s.order}</span>
          <div className="min-w-0 flex-1">
            <div className="text-sm font-medium text-slate-900">
              {s.title}
              {s.producesSecret && (
                <span className="ml-2 text-xs font-normal text-amber-700">(credential shown once)</span>
              )}
            </div>
            <div className="mt-0.5 text-xs text-slate-500">
              <span className="font-mono">{s.op}</span>
              {s.dependsOn.length > 0 && <> · after step {s.dependsOn.join(", ")}</>}
              {s.attempts > 1 && <> · {s.attempts} attempts</>}
              {s.iamRequestId && (
                <>
                  {" "}
                  · IAM request <span className="font-mono">{s.iamRequestId}</span>
                </>
              )}
            </div>
            <StepParams params={s.params} />
            {s.error && (
              <p role="alert" className="mt-1 text-sm text-red-700">
                {s.error}
              </p>
            )}
            {s.status === "pending" && s.notBefore && (
              <p className="mt-1 text-xs text-indigo-800" data-testid="step-waits">
                Waits until <Time value={s.notBefore} />; Gatehouse runs it then.
              </p>
            )}
            {s.status === "skipped" && typeof s.result?.reason === "string" && (
              <p className="mt-1 text-xs text-slate-500">{s.result.reason}</p>
            )}
          </div>
          <StepStatusBadge status={s.status} />
        </li>
      ))}
    </ol>
  );
}

/** A policy document parameter, pretty-printed; any other value as it will be sent. */
function paramText(name: string, value: unknown): { text: string; block: boolean } {
  if (typeof value === "string" && /Document$/.test(name)) {
    try {
      return { text: JSON.stringify(JSON.parse(value), null, 2), block: true };
    } catch {
      return { text: value, block: true };
    }
  }
  if (typeof value === "string") return { text: value, block: false };
  const text = JSON.stringify(value, null, 2) ?? String(value);
  return { text, block: text.includes("\n") };
}

/** What the step will send to IAM (policy documents included), for the approver to read first. */
function StepParams({ params }: { params: Record<string, unknown> }) {
  const entries = Object.entries(params ?? {}).filter(([, v]) => v !== undefined && v !== null);
  if (entries.length === 0) return null;
  return (
    <details className="mt-1 text-xs">
      <summary className="cursor-pointer text-indigo-700 hover:underline">Parameters</summary>
      <dl className="mt-1 space-y-1">
        {entries.map(([name, value]) => {
          const { text, block } = paramText(name, value);
          return (
            <div key={name}>
              <dt className="inline font-medium text-slate-600">{name}: </dt>
              {block ? (
                <dd>
                  <CodeBlock label={name} tone="light" className="mt-0.5 max-h-80">
                    {text}
                  </CodeBlock>
                </dd>
              ) : (
                <dd className="inline break-all font-mono text-slate-800">{text}</dd>
              )}
            </div>
          );
        })}
      </dl>
    </details>
  );
}
