import type { XmlValue } from "../http/xml";
import type { Caller } from "../model/state";
import type { State } from "../model/types";
import { recordLastAccessed } from "./last-accessed";
import { recordTrailEvent } from "./cloudtrail";

/**
 * One answered IAM/STS request, as the server saw it after authentication. CloudTrail's
 * LookupEvents and Access Advisor (service last accessed) are both built from these records,
 * so what a caller really did is what the account later reports.
 */
export interface Activity {
  at: number;
  /** "iam" or "sts" (the signing scope's service) */
  service: string;
  action: string;
  caller: Caller;
  region: string;
  sourceIp: string;
  userAgent: string;
  /** the request's parameters (secrets such as passwords are never recorded) */
  params: ReadonlyMap<string, string>;
  /** set when the request was refused (AccessDenied, NoSuchEntity, …) */
  errorCode?: string;
  errorMessage?: string;
  /** the request id the answer carried (CloudTrail's requestID) */
  requestId?: string;
  /** the handler's answer, for CloudTrail's responseElements (secrets are dropped there) */
  response?: XmlValue;
}

/**
 * Called once per request the server answered, refused ones included. `roleAccount` is the other
 * account an AssumeRole reached into: CloudTrail records the call there too (recipientAccountId
 * is then that account), as AWS does.
 */
export function recordActivity(state: State, activity: Activity, roleAccount?: State): void {
  recordLastAccessed(state, activity);
  recordTrailEvent(state, activity);
  if (roleAccount && roleAccount !== state) recordTrailEvent(roleAccount, activity);
}
