import { csvDocument } from "@/lib/security/csv";
import { cellLabel, NOT_UNDERSTOOD_LABEL } from "./cells";
import type { MatrixRow } from "./matrix-view";
import type { CampaignView } from "./campaigns";
import { scopeText, viaRoleGroup, type PersonDetail } from "./person";

// IAM names may start with + or @: csvDocument guards every cell, header included.

/**
 * The matrix; every row names its account (the row's own in the all-accounts view, else
 * `accountId`), so exports can be joined.
 */
export function matrixCsv(
  rows: (MatrixRow & { account?: { id: string } })[],
  services: { service: string; serviceName: string }[],
  accountId = "",
): string {
  const header = [
    "account",
    "person",
    "iam_user",
    "job_role",
    "groups",
    "console",
    "programmatic",
    "mfa",
    "drift",
    "access_understood",
    ...services.map((s) => s.service),
  ];
  const body = rows.map((r) => [
    r.account?.id ?? accountId,
    r.person,
    r.user,
    r.jobRole,
    r.groups,
    r.console,
    r.programmatic,
    r.mfa,
    r.drift,
    !r.notUnderstood,
    ...r.cells.map(cellLabel),
  ]);
  return csvDocument(header, body);
}

export function personCsv(detail: PersonDetail): string {
  const header = [
    "service",
    "level_of_service",
    "grant_level",
    "policy",
    "kind",
    "via",
    "statement",
    "resources",
    "conditional",
    "actions",
    "examples",
    "beyond_role",
  ];
  const body = detail.services.flatMap((s) =>
    s.why.map((w) => [
      s.service,
      // The level beyond self-service, as the pages show it (self-service.ts).
      s.level ? `${s.level}${s.selfService ? " + self-service" : ""}` : "self-service",
      w.level,
      w.policyName,
      w.kind,
      w.via,
      w.sid ?? `#${w.statementIndex}`,
      scopeText(w.scope),
      w.conditional,
      w.actionCount,
      w.examples,
      s.beyondRole && !viaRoleGroup(detail.roleGroup, w),
    ]),
  );
  // A policy we cannot evaluate is a line of its own: the export never reads as less access than there may be.
  const unknown = detail.notUnderstood.map((p) => [
    "*",
    NOT_UNDERSTOOD_LABEL,
    NOT_UNDERSTOOD_LABEL,
    p.policyName,
    p.kind,
    p.via,
    "",
    "",
    "",
    "",
    p.reason,
    "",
  ]);
  return csvDocument(header, [...unknown, ...body]);
}

/**
 * A campaign's evidence: one line per item (person, account) with its decision, and one per
 * excluded account with the reason, so the file says what was not reviewed as well.
 */
export function campaignCsv(view: CampaignView): string {
  const header = [
    "account",
    "account_name",
    "ou",
    "snapshot_at",
    "iam_user",
    "person",
    "groups",
    "decision",
    "reviewer",
    "decided_at",
    "note",
    "change_request",
  ];
  const snapshotAt = new Map(view.accounts.map((a) => [a.accountId, a.snapshotAt]));
  const items = view.items.map((i) => [
    i.accountId,
    i.accountName,
    i.ouPath,
    snapshotAt.get(i.accountId),
    i.user,
    i.personName,
    i.groups,
    i.decision?.decision ?? "undecided",
    i.decision?.reviewer,
    i.decision?.at,
    i.decision?.note,
    i.decision?.requestId,
  ]);
  const excluded = view.accounts
    .filter((a) => a.excludedReason)
    .map((a) => [a.accountId, a.name, a.ouPath, "", "", "", "", "excluded", "", "", a.excludedReason, ""]);
  return csvDocument(header, [...excluded, ...items]);
}
