import type { HistoryDiagnostic } from "@prisma/schema-engine-wasm";

// On 2026-12-02 the first ten migrations of each provider were squashed into one baseline: the
// whole schema plus the audit-log triggers. A database that applied the ten already has exactly
// that schema, so `migrate` records the baseline as applied there instead of running it (what
// `prisma migrate resolve --applied <baseline>` does by hand with the official CLI). The old rows
// stay in _prisma_migrations as history.

export const BASELINE = "20261202043705_baseline";

export const SQUASHED = [
  "20261127182719_init",
  "20261127183500_audit_append_only",
  "20261127222151_member_session_generation",
  "20261201203820_member_sso_identity",
  "20261201204502_member_pending_role",
  "20261201205606_snapshot_content_hash",
  "20261201213032_sign_in_sessions_throttle",
  "20261201215000_audit_key_id",
  "20261201215100_audit_no_replace",
  "20261201221000_member_admin_ended",
];

/**
 * Whether the baseline should be marked applied, from the engine's migration-history diagnosis.
 * Throws when the database stopped part-way through the squashed migrations: its schema is
 * neither empty nor the baseline's, and only the Gatehouse that still has those files can finish.
 */
export function adoptsBaseline(history: HistoryDiagnostic | null): boolean {
  // Applied rows the folder no longer has, and the baseline not applied: the histories diverge.
  if (history?.diagnostic !== "historiesDiverge" || !history.unappliedMigrationNames.includes(BASELINE))
    return false;
  const appliedOld = history.unpersistedMigrationNames.filter((name) => SQUASHED.includes(name));
  if (appliedOld.length === 0) return false;
  if (appliedOld.length === SQUASHED.length) return true;
  throw new Error(
    `This database applied ${appliedOld.length} of the ${SQUASHED.length} migrations that ${BASELINE} replaced ` +
      `(last: ${appliedOld.at(-1)}). Migrate it with a Gatehouse from before 2026-12-02 (git commit 30e8d99), ` +
      `then run this again.`,
  );
}
