import { stringify } from "csv-stringify/sync";
import { cellLabel } from "./cells";
import type { MatrixRow } from "./matrix-view";
import { spreadsheetSafe } from "@/lib/security/spreadsheet";
import { scopeText, viaRoleGroup, type PersonDetail } from "./person";

// IAM names may start with + or @: every free-text cell goes through spreadsheetSafe.
const safe = spreadsheetSafe;

export function matrixCsv(rows: MatrixRow[], services: { service: string; serviceName: string }[]): string {
  const header = ["person", "iam_user", "job_role", "groups", "console", "programmatic", "mfa", "drift", ...services.map((s) => s.service)];
  const body = rows.map((r) => [
    safe(r.person ?? ""), safe(r.user ?? ""), safe(r.jobRole ?? ""), safe(r.groups.join(" ")),
    String(r.console), String(r.programmatic), String(r.mfa), String(r.drift),
    ...r.cells.map(cellLabel),
  ]);
  return stringify([header, ...body]);
}

export function personCsv(detail: PersonDetail): string {
  const header = ["service", "level_of_service", "grant_level", "policy", "kind", "via", "statement", "resources", "conditional", "actions", "examples", "beyond_role"];
  const body = detail.services.flatMap((s) =>
    s.why.map((w) => [
      s.service, s.level, w.level, safe(w.policyName), w.kind, safe(w.via), w.sid ?? `#${w.statementIndex}`, safe(scopeText(w.scope)),
      String(w.conditional), String(w.actionCount), w.examples.join(" "), String(s.beyondRole && !viaRoleGroup(detail.roleGroup, w)),
    ]),
  );
  return stringify([header, ...body]);
}
