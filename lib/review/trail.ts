import { CloudTrailClient, LookupEventsCommand, type Event } from "@aws-sdk/client-cloudtrail";

// What drift reads from CloudTrail (docs/iam-facts.md#cloudtrail-lookupevents): IAM's write
// events since the previous sync, and who created a given access key. Absent or refused
// LookupEvents is not an error: drift then rests on the snapshots alone, and says so.

/** CloudTrail delivers an event typically within 5 minutes of the call: read that far back again. */
export const DELIVERY_OVERLAP_MS = 15 * 60_000;
/** LookupEvents answers 2 requests/s per account: at most this many pages per sync. */
const MAX_PAGES = 20;

export interface TrailWrite {
  eventId: string;
  at: Date;
  name: string;
  /** the caller's ARN (userIdentity.arn) */
  actorArn: string;
  userName?: string;
  accessKeyId?: string;
  failed: boolean;
}

export type TrailRead =
  { available: true; writes: TrailWrite[]; truncated: boolean } | { available: false; reason: string };

function toWrite(e: Event): TrailWrite | null {
  if (!e.EventId || !e.CloudTrailEvent) return null;
  const r = JSON.parse(e.CloudTrailEvent) as {
    userIdentity?: { arn?: string };
    requestParameters?: { userName?: string; accessKeyId?: string } | null;
    responseElements?: { accessKey?: { accessKeyId?: string; userName?: string } } | null;
    errorCode?: string;
  };
  const created = r.responseElements?.accessKey;
  return {
    eventId: e.EventId,
    at: e.EventTime ?? new Date(0),
    name: e.EventName ?? "",
    actorArn: r.userIdentity?.arn ?? "",
    userName: r.requestParameters?.userName ?? created?.userName,
    accessKeyId: created?.accessKeyId ?? r.requestParameters?.accessKeyId,
    failed: !!r.errorCode,
  };
}

function unavailable(e: unknown): TrailRead {
  const err = e as { name?: string; message?: string };
  return { available: false, reason: `${err.name ?? "Error"}: ${err.message ?? ""}`.trim() };
}

/** IAM write events in [since - overlap, until], oldest first, each event once. */
export async function readTrailWrites(ct: CloudTrailClient, since: Date, until: Date): Promise<TrailRead> {
  const seen = new Map<string, TrailWrite>();
  let token: string | undefined;
  let pages = 0;
  try {
    do {
      const page = await ct.send(
        new LookupEventsCommand({
          // One attribute only: the source; reads are dropped here.
          LookupAttributes: [{ AttributeKey: "EventSource", AttributeValue: "iam.amazonaws.com" }],
          StartTime: new Date(since.getTime() - DELIVERY_OVERLAP_MS),
          EndTime: until,
          NextToken: token,
        }),
      );
      for (const e of page.Events ?? []) {
        const w = e.ReadOnly === "false" ? toWrite(e) : null;
        if (w) seen.set(w.eventId, w);
      }
      token = page.NextToken;
    } while (token && ++pages < MAX_PAGES);
  } catch (e) {
    return unavailable(e);
  }
  const writes = [...seen.values()].sort((a, b) => a.at.getTime() - b.at.getTime());
  return { available: true, writes, truncated: !!token };
}

/** The CreateAccessKey event of a key (any time in CloudTrail's 90 days), or null. */
export async function keyCreation(ct: CloudTrailClient, accessKeyId: string): Promise<TrailWrite | null> {
  const page = await ct.send(
    new LookupEventsCommand({
      LookupAttributes: [{ AttributeKey: "ResourceName", AttributeValue: accessKeyId }],
    }),
  );
  for (const e of page.Events ?? []) {
    const w = e.EventName === "CreateAccessKey" ? toWrite(e) : null;
    if (w && !w.failed && w.accessKeyId === accessKeyId) return w;
  }
  return null;
}

/** Users whose access keys a write event touched: their keys are listed, not taken from the report. */
export function usersWithKeyEvents(writes: TrailWrite[]): Set<string> {
  const names = new Set<string>();
  for (const w of writes)
    if (!w.failed && /AccessKey$/.test(w.name) && w.userName) names.add(w.userName.toLowerCase());
  return names;
}
