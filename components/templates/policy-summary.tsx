import type { ServiceSummary } from "@/lib/policy";
import { DataTable } from "@/components/ui/data-table";
import { LEVEL_STYLE } from "@/components/review/levels";

/** "Full: Read" when a level's every action is granted, "Limited: Write (3 of 120)" otherwise. */
function levelText(l: ServiceSummary["levels"][number]) {
  return l.actions === l.ofLevel ? `Full: ${l.level}` : `Limited: ${l.level} (${l.actions} of ${l.ofLevel})`;
}

/** The policy summary IAM's console shows: per service, access level, resources, conditions. */
export function PolicySummary({ rows }: { rows: ServiceSummary[] }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">This policy grants no known action.</p>;
  return (
    <DataTable frame="scroll" columns={["Service", "Access level", "Resources", "Request conditions"]}>
      {rows.map((r) => (
        <tr key={`${r.effect}-${r.service}`} className="align-top" data-testid="summary-row">
          <td className="px-4 py-2">
            <span className="font-medium" title={r.service}>
              {r.serviceName}
            </span>
            {r.effect === "Deny" && <div className="text-xs font-semibold text-red-700">Explicit deny</div>}
          </td>
          <td className="py-2 pr-4">
            <ul className="space-y-1">
              {r.levels.map((l) => (
                <li key={l.level}>
                  <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${LEVEL_STYLE[l.level].cell}`}>
                    {levelText(l)}
                  </span>
                </li>
              ))}
            </ul>
          </td>
          <td className="py-2 pr-4 font-mono text-xs break-all">
            {r.resources.map((res) => (
              <div key={res} className={res.startsWith("All") ? "font-sans text-sm" : undefined}>
                {res}
              </div>
            ))}
          </td>
          <td className="py-2 pr-4 text-xs">
            {r.conditions.length === 0 ? (
              <span className="text-sm text-slate-600">None</span>
            ) : (
              <>
                {r.unconditional && (
                  <div className="text-slate-600">Some actions without a condition; others only when:</div>
                )}
                {r.conditions.map((c) => (
                  <div key={c} className="font-mono">
                    {c}
                  </div>
                ))}
              </>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
