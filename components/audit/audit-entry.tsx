import Link from "next/link";
import { auditData, type AuditEntryView, type AuditSentence } from "@/lib/audit";
import { Time } from "@/components/ui/time";

const pretty = (v: unknown) => JSON.stringify(v, null, 2);

function Block({ title, value }: { title: string; value: unknown }) {
  return (
    <div className="min-w-0">
      <h3 className="mb-1 text-xs font-semibold uppercase text-slate-500">{title}</h3>
      <pre
        tabIndex={0}
        className="max-h-72 overflow-auto rounded-md bg-slate-50 p-2 font-mono text-xs text-slate-800"
      >
        {pretty(value)}
      </pre>
    </div>
  );
}

/**
 * One audit entry: when, the sentence (its object linked to the page it names), and, opened on
 * demand, what it recorded: before and after side by side when it holds them, the rest below.
 */
export function AuditEntryRow({ entry, sentence }: { entry: AuditEntryView; sentence: AuditSentence }) {
  const { before, after, ...rest } = auditData(entry);
  const hasRest = Object.keys(rest).length > 0;
  return (
    <tr className="align-top" data-testid="audit-entry">
      <td className="whitespace-nowrap px-3 py-2 text-slate-600">
        <Time value={entry.at} seconds />
      </td>
      <td className="py-2 pr-3">
        <p data-testid="audit-sentence">
          <strong className="font-medium">{sentence.actor}</strong> {sentence.before}
          {sentence.object && (
            <>
              {" "}
              {sentence.object.href ? (
                <Link className="text-indigo-700 underline" href={sentence.object.href}>
                  {sentence.object.label}
                </Link>
              ) : (
                <span className="font-medium">{sentence.object.label}</span>
              )}
              {sentence.after}
            </>
          )}
        </p>
        {sentence.detail && <p className="text-xs text-slate-600">{sentence.detail}</p>}
        <details className="mt-1 text-sm">
          <summary className="cursor-pointer text-xs text-indigo-700">Details</summary>
          <div className="mt-2 space-y-3">
            <p className="text-xs text-slate-600">
              Entry #{entry.seq} · kind <code className="font-mono">{entry.action}</code>
              {entry.target && (
                <>
                  {" "}
                  · target <code className="font-mono">{entry.target}</code>
                </>
              )}
            </p>
            {(before !== undefined || after !== undefined) && (
              <div className="grid gap-3 md:grid-cols-2">
                <Block title="Before" value={before ?? null} />
                <Block title="After" value={after ?? null} />
              </div>
            )}
            {hasRest && <Block title="Recorded" value={rest} />}
          </div>
        </details>
      </td>
    </tr>
  );
}
