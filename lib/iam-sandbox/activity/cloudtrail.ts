import { randomUUID } from "node:crypto";
import { XmlMap, type XmlValue } from "../http/xml";
import { arn } from "../model/state";
import type { State } from "../model/types";
import type { Activity } from "./record";

// Every answered IAM/STS request becomes one CloudTrail management event, shaped as CloudTrail
// writes it (docs/iam-facts.md#cloudtrail-events), so LookupEvents can answer "who did what,
// when, with which key" and drift can tell an outside change from Gatehouse's own.

/** What LookupEvents filters on, next to the event's full JSON. */
export interface TrailEvent {
  id: string;
  at: number;
  name: string;
  source: string;
  readOnly: boolean;
  username: string;
  accessKeyId?: string;
  resources: Array<{ type: string; name: string }>;
  /** the CloudTrailEvent object (serialized on lookup, so a request does not pay for it) */
  record: Record<string, unknown>;
}

/**
 * CloudTrail's event history keeps 90 days; the count cap bounds the sandbox's memory and its state
 * file (10,000 events are ~9 MB and ~50 ms of each state-file write).
 */
export const RETENTION_MS = 90 * 24 * 3600 * 1000;
export const MAX_EVENTS = 10_000;

/** Request parameters CloudTrail never records in the clear (and the sandbox not at all). */
const SECRET_PARAMS = /^(Password|OldPassword|NewPassword|PrivateKey|AuthenticationCode[12]|TokenCode)$/;
/** Response fields that are secrets: a key's secret, passwords, MFA seeds, session tokens. */
const SECRET_FIELDS =
  /^(SecretAccessKey|Password|ServicePassword|PrivateKey|SessionToken|Base32StringSeed|QRCodePNG)$/;
/** Signing and protocol parameters, not the request's own. */
const PROTOCOL_PARAMS = /^(Action|Version|X-Amz-.*)$/;

const RESOURCE_PARAMS: Array<[string, string]> = [
  ["UserName", "AWS::IAM::User"],
  ["NewUserName", "AWS::IAM::User"],
  ["GroupName", "AWS::IAM::Group"],
  ["RoleName", "AWS::IAM::Role"],
  ["PolicyArn", "AWS::IAM::Policy"],
  ["AccessKeyId", "AWS::IAM::AccessKey"],
  ["InstanceProfileName", "AWS::IAM::InstanceProfile"],
];

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** awsQuery's flat names (Tags.member.1.Key) to CloudTrail's nested camelCase (tags[0].key). */
export function requestParameters(params: ReadonlyMap<string, string>): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  for (const [name, value] of params) {
    if (PROTOCOL_PARAMS.test(name) || SECRET_PARAMS.test(name.split(".")[0])) continue;
    const parts = name.split(".").filter((p) => p !== "member" && p !== "entry");
    let node: Record<string, unknown> | unknown[] = out;
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      const nextIsIndex = !last && /^\d+$/.test(parts[i + 1]);
      const key: string | number = /^\d+$/.test(part) ? Number(part) - 1 : lowerFirst(part);
      const bag = node as Record<string | number, unknown>;
      if (last) bag[key] = value;
      else bag[key] ??= nextIsIndex ? [] : {};
      if (!last) node = bag[key] as Record<string, unknown> | unknown[];
    });
  }
  return Object.keys(out).length ? out : null;
}

/** A handler's answer to CloudTrail's camelCase responseElements, without any secret field. */
function responseElements(value: XmlValue): unknown {
  if (value instanceof XmlMap) return Object.fromEntries(value.entries);
  if (Array.isArray(value)) return value.map(responseElements);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      if (!SECRET_FIELDS.test(k) && v !== undefined) out[lowerFirst(k)] = responseElements(v);
    return out;
  }
  return value;
}

function userIdentity(state: State, a: Activity): { identity: Record<string, unknown>; username: string } {
  const c = a.caller;
  const accountId = state.accountId;
  const keyId = c.keyId ? { accessKeyId: c.keyId } : {};
  const attributes = c.session
    ? {
        sessionContext: {
          attributes: {
            creationDate: new Date(c.session.issued).toISOString().replace(/\.\d{3}Z$/, "Z"),
            mfaAuthenticated: String(c.session.mfa),
          },
        },
      }
    : {};
  if (c.kind === "user") {
    const u = state.users.get(c.user);
    const name = u?.name ?? c.user;
    const identity = {
      type: "IAMUser",
      principalId: u?.id ?? c.user,
      arn: u ? arn.user(state, u) : `arn:aws:iam::${accountId}:user/${name}`,
      accountId,
      ...keyId,
      userName: name,
      ...attributes,
    };
    return { identity, username: name };
  }
  if (c.kind === "role") {
    const r = state.roles.get(c.role);
    const name = r?.name ?? c.role;
    const roleId = r?.id ?? c.role;
    const identity = {
      type: "AssumedRole",
      principalId: `${roleId}:${c.sessionName}`,
      arn: `arn:aws:sts::${accountId}:assumed-role/${name}/${c.sessionName}`,
      accountId,
      ...keyId,
      sessionContext: {
        sessionIssuer: {
          type: "Role",
          principalId: roleId,
          arn: r ? arn.role(state, r) : `arn:aws:iam::${accountId}:role/${name}`,
          accountId,
          userName: name,
        },
        ...(attributes.sessionContext ?? {}),
      },
    };
    return { identity, username: c.sessionName };
  }
  const identity = { type: "Root", principalId: accountId, arn: `arn:aws:iam::${accountId}:root`, accountId };
  return { identity: { ...identity, ...keyId, ...attributes }, username: "root" };
}

/** IAM's reads (Get/List/Simulate) and every STS call are read-only events in CloudTrail. */
export function isReadOnlyEvent(service: string, action: string): boolean {
  return service === "sts" || /^(Get|List|Simulate)/.test(action);
}

function resourcesOf(a: Activity, response: unknown): TrailEvent["resources"] {
  const found: TrailEvent["resources"] = [];
  const add = (type: string, name: unknown) => {
    if (typeof name === "string" && name && !found.some((r) => r.type === type && r.name === name))
      found.push({ type, name });
  };
  for (const [param, type] of RESOURCE_PARAMS) add(type, a.params.get(param));
  // Creates name their resource in the answer (CreateAccessKey's new key id).
  const created = response as Record<string, Record<string, unknown>> | null;
  add("AWS::IAM::AccessKey", created?.accessKey?.accessKeyId);
  add("AWS::IAM::Policy", created?.policy?.arn);
  return found;
}

export function toTrailEvent(state: State, a: Activity): TrailEvent {
  const id = randomUUID();
  const source = `${a.service}.amazonaws.com`;
  const readOnly = isReadOnlyEvent(a.service, a.action);
  const { identity, username } = userIdentity(state, a);
  const response = !a.errorCode && !readOnly && a.response ? responseElements(a.response) : null;
  const record: Record<string, unknown> = {
    eventVersion: "1.09",
    userIdentity: identity,
    eventTime: new Date(a.at).toISOString().replace(/\.\d{3}Z$/, "Z"),
    eventSource: source,
    eventName: a.action,
    // IAM is global: CloudTrail records its calls in us-east-1.
    awsRegion: a.service === "iam" ? "us-east-1" : a.region || "us-east-1",
    sourceIPAddress: a.sourceIp.replace(/^::ffff:/, ""),
    userAgent: a.userAgent,
    ...(a.errorCode ? { errorCode: a.errorCode, errorMessage: a.errorMessage ?? "" } : {}),
    requestParameters: requestParameters(a.params),
    responseElements: response,
    requestID: a.requestId ?? randomUUID(),
    eventID: id,
    readOnly,
    eventType: "AwsApiCall",
    managementEvent: true,
    recipientAccountId: state.accountId,
    eventCategory: "Management",
  };
  return {
    id,
    at: a.at,
    name: a.action,
    source,
    readOnly,
    username,
    ...(a.caller.keyId ? { accessKeyId: a.caller.keyId } : {}),
    resources: resourcesOf(a, response),
    record,
  };
}

/** Appends the event (oldest first) and drops what is past retention or over the cap. */
export function recordTrailEvent(state: State, a: Activity): void {
  const events = (state.cloudTrail ??= []);
  events.push(toTrailEvent(state, a));
  let drop = Math.max(0, events.length - MAX_EVENTS);
  while (drop < events.length && events[drop].at < a.at - RETENTION_MS) drop++;
  if (drop > 0) events.splice(0, drop);
}
