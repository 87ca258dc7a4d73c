// The one door for IAM writes: change requests are planned from live IAM state, approved
// against the exact plan (its hash), executed step by step under a database lease, and audited.
// Pages and actions import from here; callers check the actor's role, the engine enforces the
// approval rules (no self-approval unless single-admin mode, plan-hash binding, two approvers).

export type {
  ApprovalRules,
  ApprovalView,
  ChangeKind,
  ChangeSettings,
  DoneStep,
  PlannedStep,
  RequestStatus,
  RequestView,
  RevealedSecret,
  StepStatus,
  StepView,
} from "./types";
export { changeKinds } from "./kinds";
export {
  previewChangeRequest,
  createChangeRequest,
  replanRequest,
  approveRequest,
  rejectRequest,
  resubmitRequest,
  type PlanPreview,
} from "./requests";
export {
  executeRequest,
  retryRequest,
  abandonRequest,
  startExecution,
  reissueCredentials,
  type ExecutionResult,
} from "./execute";
export { markHandedOver, credentialsNotHandedOver } from "./handover";
export { publicSettings, type PublicChangeSettings } from "./webhook";
export { requestApproveAndStart, type OneClickResult } from "./one-click";
export {
  getRequest,
  listRequests,
  openRequestsFor,
  lastOffboarding,
  openRequest,
  doneStepsBetween,
  requestTitles,
  awaitingCount,
  type ListTab,
} from "./query";
export { resumeInterruptedRequests, startResumeLoop } from "./resume";
export { moveWait } from "./schedule";
export { approvalRules } from "./rules";
export { getSettings, updateSettings, settingsPatchSchema, type SettingsPatch } from "./settings";
export { planHash } from "./plan";
export { touchedBy, type TouchedAccount, type AfterRun } from "./after-run";
export { configureChanges, resetChangesConfig, type ChangesConfig } from "./context";
export { ops, type IamResourceType } from "./ops";
