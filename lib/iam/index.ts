// lib/iam — every IAM read, on the client it is given, and the one classification of IAM errors.
// No "server-only" here: the engine, the review's sync, the tests and the benchmarks use it as
// the app does. The app's own configured clients are in ./client (server-only); writes go through
// lib/changes' ops.

export { allPages, inParallel, notRecorded, type Recorder, type SdkOutput } from "./pages";
export { authorizationDetailPages } from "./auth-details";
export {
  accessKeysOf,
  attachedGroupPolicies,
  attachedUserPolicies,
  defaultPolicyDocument,
  getGroup,
  getPolicy,
  getRole,
  getUser,
  groupHoldings,
  groupsOfUser,
  inlineUserPolicies,
  loginProfile,
  mfaDevicesOf,
  policyVersions,
  requireGroup,
  requireUser,
  serviceCredentialsOf,
  signingCertificatesOf,
  sshPublicKeysOf,
  userReads,
  type AttachedPolicy,
} from "./entities";
export {
  groupAuthorizationDetails,
  managedPolicyDetails,
  roleAuthorizationDetails,
  userAuthorizationDetails,
  type RecorderFor,
} from "./principal-details";
export { accountPasswordPolicy, callerAccountId } from "./account";
export { readUserHoldings, remainingCredentials, type UserHoldings } from "./holdings";
export { userDetail, type UserDetail } from "./user-detail";
export { groupsAndUsers, roles, type GroupSummary, type RoleSummary } from "./read";
export { fetchCredentialReport, parseCredentialReport, type ReportRow } from "./credential-report";
export { identityInWords, identityOf, type AppIdentity } from "./principal";
export { IamError, iamUserError, isNotFound, toIamError, unlessNotFound, type IamErrorKind } from "./errors";
export {
  awsClientConfig,
  createIamClients,
  resolvedEndpoints,
  type ClientCredentials,
  type IamClientOptions,
  type IamClients,
  type IamMode,
} from "./create-clients";
