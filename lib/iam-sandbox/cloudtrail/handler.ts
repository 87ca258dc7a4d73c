import { createHash } from "node:crypto";
import type { TrailEvent } from "../activity/cloudtrail";
import type { State } from "../model/types";

// CloudTrail's LookupEvents over AWS JSON 1.1 on the sandbox's one endpoint
// (docs/iam-facts.md#cloudtrail-lookupevents). Only management events of IAM and STS exist here.

/** X-Amz-Target: the SDKs send the short form, the CLI (botocore) the model's full prefix. */
const TARGET = /^(?:com\.amazonaws\.cloudtrail\.v20131101\.)?CloudTrail_20131101\.(\w+)$/;

export function isCloudTrailTarget(target: unknown): target is string {
  return typeof target === "string" && TARGET.test(target);
}

export interface JsonAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** A JSON 1.1 error as AWS sends it: the code in __type, HTTP 400 unless said otherwise. */
export class CloudTrailError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
  answer(): JsonAnswer {
    return { status: this.status, body: { __type: this.code, message: this.message } };
  }
}

const KEYS = [
  "EventId",
  "EventName",
  "ReadOnly",
  "Username",
  "ResourceType",
  "ResourceName",
  "EventSource",
  "AccessKeyId",
] as const;
type Key = (typeof KEYS)[number];

const MATCH: Record<Key, (e: TrailEvent, v: string) => boolean> = {
  EventId: (e, v) => e.id === v,
  EventName: (e, v) => e.name === v,
  ReadOnly: (e, v) => String(e.readOnly) === v,
  Username: (e, v) => e.username === v,
  ResourceType: (e, v) => e.resources.some((r) => r.type === v),
  ResourceName: (e, v) => e.resources.some((r) => r.name === v),
  EventSource: (e, v) => e.source === v,
  AccessKeyId: (e, v) => e.accessKeyId === v,
};

interface Query {
  match: (e: TrailEvent) => boolean;
  start: number;
  end: number;
  max: number;
  /** the filters' fingerprint: a NextToken is valid only with the parameters that made it */
  fingerprint: string;
}

/** JSON 1.1 sends timestamps as epoch seconds; the CLI may also send ISO text. */
function time(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const ms = typeof value === "number" ? value * 1000 : typeof value === "string" ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms))
    throw new CloudTrailError("SerializationException", `${name} is not a timestamp.`);
  return ms;
}

function parseQuery(input: Record<string, unknown>, now: number): Query {
  const attrs = input.LookupAttributes ?? [];
  if (!Array.isArray(attrs))
    throw new CloudTrailError("SerializationException", "LookupAttributes must be a list.");
  if (attrs.length > 1)
    throw new CloudTrailError(
      "InvalidLookupAttributesException",
      "You cannot specify more than one lookup attribute.",
    );
  let match: (e: TrailEvent) => boolean = () => true;
  const attr = attrs[0] as { AttributeKey?: unknown; AttributeValue?: unknown } | undefined;
  if (attr) {
    const key = attr.AttributeKey as Key;
    const value = attr.AttributeValue;
    if (!KEYS.includes(key))
      throw new CloudTrailError(
        "InvalidLookupAttributesException",
        `The attribute key ${String(key)} is not valid; use one of ${KEYS.join(", ")}.`,
      );
    if (typeof value !== "string" || value.length < 1 || value.length > 2000)
      throw new CloudTrailError(
        "InvalidLookupAttributesException",
        "The attribute value must be between 1 and 2000 characters.",
      );
    if (key === "ReadOnly" && value !== "true" && value !== "false")
      throw new CloudTrailError("InvalidLookupAttributesException", "ReadOnly must be true or false.");
    match = (e) => MATCH[key](e, value);
  }
  const start = time(input.StartTime, "StartTime") ?? 0;
  const end = time(input.EndTime, "EndTime") ?? now;
  if (start > end)
    throw new CloudTrailError("InvalidTimeRangeException", "Start time must be before end time.");
  const max = input.MaxResults ?? 50;
  if (typeof max !== "number" || !Number.isInteger(max) || max < 1 || max > 50)
    throw new CloudTrailError("InvalidMaxResultsException", "MaxResults must be between 1 and 50.");
  const category = input.EventCategory;
  if (category !== undefined && category !== "insight")
    throw new CloudTrailError("InvalidEventCategoryException", "EventCategory must be insight.");
  const fingerprint = createHash("sha256")
    .update(
      JSON.stringify([attr?.AttributeKey, attr?.AttributeValue, input.StartTime, input.EndTime, category]),
    )
    .digest("base64url")
    .slice(0, 16);
  // No Insights events exist in the sandbox: asking for them finds none.
  const base = category === "insight" ? () => false : match;
  return { match: (e) => e.at >= start && e.at <= end && base(e), start, end, max, fingerprint };
}

function eventOut(e: TrailEvent) {
  return {
    EventId: e.id,
    EventName: e.name,
    ReadOnly: String(e.readOnly),
    ...(e.accessKeyId ? { AccessKeyId: e.accessKeyId } : {}),
    EventTime: e.at / 1000,
    EventSource: e.source,
    Username: e.username,
    Resources: e.resources.map((r) => ({ ResourceType: r.type, ResourceName: r.name })),
    CloudTrailEvent: JSON.stringify(e.record),
  };
}

/** Newest first; the token names the next event to return, bound to the query's filters. */
export function lookupEvents(state: State, input: Record<string, unknown>, now: number): JsonAnswer {
  const q = parseQuery(input, now);
  const events = state.cloudTrail ?? [];
  let from = events.length - 1;
  if (input.NextToken !== undefined) {
    const [fp, id] = String(input.NextToken).split(".");
    const at = fp === q.fingerprint ? events.findLastIndex((e) => e.id === id) : -1;
    if (at < 0) throw new CloudTrailError("InvalidNextTokenException", "Invalid NextToken.");
    from = at;
  }
  const page: TrailEvent[] = [];
  let i = from;
  for (; i >= 0 && page.length < q.max; i--) if (q.match(events[i])) page.push(events[i]);
  while (i >= 0 && !q.match(events[i])) i--;
  const next = i >= 0 ? { NextToken: `${q.fingerprint}.${events[i].id}` } : {};
  return { status: 200, body: { Events: page.map(eventOut), ...next } };
}

/** The operation an X-Amz-Target names ("LookupEvents"). */
export function cloudTrailOperation(target: string): string {
  return TARGET.exec(target)?.[1] ?? "";
}

/** One JSON 1.1 CloudTrail request (after authentication) to its answer. */
export function handleCloudTrail(state: State, target: string, body: string, now: number): JsonAnswer {
  const operation = cloudTrailOperation(target);
  try {
    let input: unknown;
    try {
      input = body.trim() ? JSON.parse(body) : {};
    } catch {
      throw new CloudTrailError("SerializationException", "The request body is not valid JSON.");
    }
    if (!input || typeof input !== "object" || Array.isArray(input))
      throw new CloudTrailError("SerializationException", "The request body must be a JSON object.");
    if (operation === "LookupEvents") return lookupEvents(state, input as Record<string, unknown>, now);
    throw new CloudTrailError("UnknownOperationException", `The sandbox does not offer ${operation}.`);
  } catch (e) {
    if (e instanceof CloudTrailError) return e.answer();
    throw e;
  }
}
