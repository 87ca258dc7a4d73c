import type { Finding } from "@/lib/policy/types";

/** A policy's lint findings, errors first: the editor's checks and the template page show the same list. */
export function LintFindings({ errors, warnings }: { errors: Finding[]; warnings: Finding[] }) {
  if (errors.length === 0 && warnings.length === 0)
    return <p className="mt-2 text-sm text-emerald-700">No problems found.</p>;
  return (
    <ul className="mt-2 space-y-2 text-sm">
      {errors.map((f, i) => (
        <li key={`e${i}`} className="text-red-700">
          <strong>Error</strong>
          {f.path && <span className="font-mono text-xs"> {f.path}</span>}: {f.message}
        </li>
      ))}
      {warnings.map((f, i) => (
        <li key={`w${i}`} className="text-amber-800">
          <strong>Warning</strong>
          {f.path && <span className="font-mono text-xs"> {f.path}</span>}: {f.message}
        </li>
      ))}
    </ul>
  );
}
