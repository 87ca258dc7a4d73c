/**
 * The account as one sync saw it: what GetAccountAuthorizationDetails and the credential
 * report return, trimmed to what review and drift need. Stored gzip-compressed per snapshot.
 * Policy documents are kept once (by ARN, or per owner for inline ones) as decoded JSON text.
 */

export interface InlinePolicyState {
  name: string;
  document: string;
}

export interface AttachedRef {
  name: string;
  arn: string;
}

export interface AccessKeyState {
  /** From ListAccessKeys; absent when the key is known only from the credential report. */
  id?: string;
  active: boolean;
  /** Creation time (the report's last_rotated): identifies the key when the id is unknown. */
  created: string;
  lastUsed: string | null;
}

export interface CredentialExtras {
  sshKeys: { id: string; active: boolean; uploaded: string | null }[];
  serviceCredentials: { id: string; service: string; active: boolean; created: string | null }[];
  certificates: { id: string; active: boolean; uploaded: string | null }[];
  /** When the per-user List* calls last ran for this user. */
  checkedAt: string;
}

export interface UserState {
  name: string;
  arn: string;
  createdAt: string | null;
  groups: string[];
  attached: AttachedRef[];
  inline: InlinePolicyState[];
  tags: Record<string, string>;
  passwordEnabled: boolean;
  passwordLastUsed: string | null;
  mfaActive: boolean;
  accessKeys: AccessKeyState[];
  /** Signing certificates the credential report counts (cert_N_active). */
  activeCertificates: number;
  /** SSH keys, service credentials, certificate ids: only for users checked with per-user calls. */
  extras?: CredentialExtras;
}

export interface GroupState {
  name: string;
  arn: string;
  attached: AttachedRef[];
  inline: InlinePolicyState[];
}

export interface PolicyState {
  arn: string;
  name: string;
  defaultVersion: string;
  versions: string[];
  /** The default version's document (decoded JSON text). */
  document: string;
  awsManaged: boolean;
}

export interface RoleState {
  name: string;
  arn: string;
  attached: AttachedRef[];
  inline: string[];
}

export interface AccountState {
  accountId: string;
  users: UserState[];
  groups: GroupState[];
  roles: RoleState[];
  policies: PolicyState[];
  credentialReportAt: string | null;
  /** Access Advisor's last use per person and service (lib/review/last-accessed.ts) */
  lastAccessed?: LastAccessedData;
}

export interface LastAccessedData {
  /** when Access Advisor was read: the age the review shows beside every date */
  readAt: string;
  /** user name → service namespace (each one the user's policies grant) → last use, null = never */
  users: Record<string, Record<string, string | null>>;
  /** set when the last attempt to read it was refused (the copy shown is then older) */
  error?: string;
}

/** IAM calls one sync made, by operation. */
export type CallCounts = Record<string, number>;

export interface SyncCounts {
  users: number;
  groups: number;
  roles: number;
  policies: number;
  calls: CallCounts;
  listCalls: number;
  drift: number;
  durationMs: number;
  computeMs: number;
  /** Every user's SSH keys, service credentials and certificates were listed. */
  fullScan?: boolean;
  /**
   * How drift since the previous sync was read: from CloudTrail's write events (nothing made and
   * undone in between is missed), or from the two snapshots alone, and why.
   */
  cloudTrail?: { used: true } | { used: false; reason: string };
  /**
   * Set on a snapshot made by the re-read after a change request (reread.ts): only these
   * principals were read, at the snapshot's `at`; the rest is the full sync of `fullSyncAt`.
   */
  reread?: { requestId: string | null; principals: string[]; fullSyncAt: string };
}
