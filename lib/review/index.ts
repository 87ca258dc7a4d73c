// lib/review — sync snapshots of the account, effective access per person and service, and
// out-of-band drift. Pages and routes import from here.

export type { AccountState, UserState, GroupState, PolicyState, SyncCounts } from "./types";
export type { AccessMatrix, ServiceCell, WhyEntry } from "./access";
export type { StateChange } from "./diff";
export { computeAccess } from "./access";
export { diffStates } from "./diff";
export { explainChanges } from "./explain";
export { runSync, runSyncIfDue, type SyncOptions, type SyncResult } from "./sync";
export { SyncBusyError, currentSync, type SyncProgress } from "./lock";
export { latestSnapshot, latestSnapshotInfo, loadSnapshot, type Snapshot } from "./snapshot-store";
