// lib/review — sync snapshots of the account, effective access per person and service, and
// out-of-band drift. Pages and routes import from here; client components import the
// client-safe values from ./shared and the input schemas from ./review.schema.

export type { AccountState, UserState, GroupState, PolicyState, SyncCounts } from "./types";
export type { AccessMatrix, ServiceCell, WhyEntry } from "./access";
export type { StateChange } from "./diff";
export type { MatrixRow } from "./matrix-view";
export type { DriftItem } from "./review-data";
export { computeAccess } from "./access";
export { diffStates } from "./diff";
export { explainChanges } from "./explain";
export { runSync, runSyncIfDue, type SyncOptions, type SyncResult } from "./sync";
export { syncNow, AccountSyncError } from "./audited-sync";
export { rereadPrincipals, rereadAfterRequest, type RereadInput, type RereadResult } from "./reread";
export {
  syncAccounts,
  syncAllAccountsNow,
  type AccountSyncOutcome,
  type SyncAccountsOptions,
} from "./accounts-sync";
export { SyncBusyError, currentSync, type SyncProgress } from "./lock";
export {
  latestSnapshot,
  latestSnapshotInfo,
  loadSnapshot,
  reviewedAccount,
  snapshotAge,
  type Snapshot,
} from "./snapshot-store";
export { asOfTime, type DataAge } from "./as-of";
export { acknowledgeDrift, driftPanel, openDriftCount, type DriftEntry } from "./drift-view";
export { reviewData, driftByPerson, recentDrift, type UserDrift } from "./review-data";
export {
  acrossAccounts,
  accessElsewhere,
  accountsOverview,
  homeAccess,
  type AcrossRow,
  type AcrossView,
  type AccountSummary,
} from "./all-accounts";
export { matrixRows } from "./matrix-view";
export {
  usageView,
  revocableViaRole,
  lastUsedText,
  summaryLine,
  UNUSED_DAYS,
  type UsageView,
  type UsageRow,
  type RoleSummary,
} from "./usage-view";
export { personDetail, serviceAccessors, scopeText, viaRoleGroup } from "./person";
export { campaignCsv, matrixCsv, personCsv } from "./csv";
export { LEVELS, cellLabel, decodeCell, levelCode } from "./cells";
export { isSelfService, shownCell, type ShownCell } from "./self-service";
export { driftMarks, marked, type DriftMarks } from "./person-drift";
export { personReview, type PersonReview } from "./person-review";
export { getSyncMinutes, setSyncMinutes, startReviewSyncLoop } from "./interval";
export { getRetention, setRetention } from "./retention";
export {
  createCampaign,
  decide,
  signOff,
  listCampaigns,
  getCampaignView,
  type CampaignView,
  type CampaignItem,
  type AccountProgress,
} from "./campaigns";
export {
  DEFAULT_KEY_POLICY,
  getKeyPolicy,
  setKeyPolicy,
  keyProposals,
  proposedRequest,
  plugRotation,
  mfaStatus,
  consoleUsersWithoutMfa,
  credentialFlags,
  mfaStatusOf,
  type KeyProposal,
  type KeyRequest,
  type MfaStatus,
} from "./key-policy";
