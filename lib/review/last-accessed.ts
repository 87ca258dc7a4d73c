import {
  GenerateServiceLastAccessedDetailsCommand,
  GetServiceLastAccessedDetailsCommand,
  type GetServiceLastAccessedDetailsCommandOutput,
} from "@aws-sdk/client-iam";
import type { AccountState, LastAccessedData } from "./types";
import type { CallCounter } from "./walk";

// Access Advisor (service last accessed) for every person, read into the snapshot. It is the
// costliest read per person (Generate + Get: 2 calls a user, more when a report pages), and
// AWS itself updates it only every few hours, so it is refreshed on a full scan or once the
// stored copy is a day old; in between, the previous snapshot's copy is carried with its age
// (and only people new since then are read).

/** How old the stored copy may get before a sync reads Access Advisor again. */
export const LAST_ACCESSED_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** How many reports a sync has in flight at once (Generate/Get are throttled per account). */
const CONCURRENCY = 4;
/** A job still IN_PROGRESS is asked again this many times, `POLL_MS` apart. */
const POLLS = 20;
const POLL_MS = 250;
/**
 * Beyond this many people a sync does not read Access Advisor per person (2 calls each would
 * dominate the sync); the review then says the data is not available instead of guessing.
 */
export const LAST_ACCESSED_MAX_USERS = 500;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One user's report: every service their policies grant, with the last use (null = never). */
async function readUser(counter: CallCounter, arn: string): Promise<Record<string, string | null> | null> {
  const { JobId } = await counter.send("GenerateServiceLastAccessedDetails", () =>
    counter.iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: arn })),
  );
  const out: Record<string, string | null> = {};
  let marker: string | undefined;
  for (let poll = 0; ;) {
    const page: GetServiceLastAccessedDetailsCommandOutput = await counter.send(
      "GetServiceLastAccessedDetails",
      () =>
        counter.iam.send(new GetServiceLastAccessedDetailsCommand({ JobId, MaxItems: 1000, Marker: marker })),
    );
    if (page.JobStatus === "IN_PROGRESS") {
      if (++poll > POLLS) return null;
      await sleep(POLL_MS);
      continue;
    }
    if (page.JobStatus !== "COMPLETED") return null;
    for (const s of page.ServicesLastAccessed ?? [])
      if (s.ServiceNamespace) out[s.ServiceNamespace] = s.LastAuthenticated?.toISOString() ?? null;
    if (!page.IsTruncated || !page.Marker) return out;
    marker = page.Marker;
  }
}

/**
 * Access Advisor for the snapshot: read fresh when `refresh` or the previous copy is missing or
 * older than a day, else the previous copy (people no longer in the account dropped, people new
 * to it read). A refusal
 * (the live app policy may lack GenerateServiceLastAccessedDetails) keeps the previous copy and
 * says so; the sync itself never fails for it.
 */
export async function readLastAccessed(
  counter: CallCounter,
  state: AccountState,
  previous: LastAccessedData | undefined,
  opts: { refresh: boolean; now: Date },
): Promise<LastAccessedData | undefined> {
  const names = new Set(state.users.map((u) => u.name));
  const fresh =
    previous && !opts.refresh && opts.now.getTime() - Date.parse(previous.readAt) < LAST_ACCESSED_MAX_AGE_MS;
  if (fresh) {
    const kept = Object.fromEntries(Object.entries(previous.users).filter(([n]) => names.has(n)));
    // People new since the copy (onboarded today, say) are read now, not left out for a day;
    // the copy's age stays the one shown, the older of the two.
    const added = state.users.filter((u) => !(u.name in previous.users));
    if (added.length === 0 || state.users.length > LAST_ACCESSED_MAX_USERS)
      return { ...previous, users: kept };
    const read = await readUsers(counter, added);
    return "error" in read
      ? { ...previous, users: kept, error: read.error }
      : { ...previous, users: { ...kept, ...read.users } };
  }
  if (state.users.length > LAST_ACCESSED_MAX_USERS)
    return { readAt: opts.now.toISOString(), users: {}, error: "TooManyUsers" };
  const read = await readUsers(counter, state.users);
  if ("error" in read)
    return previous
      ? { ...previous, error: read.error }
      : { readAt: opts.now.toISOString(), users: {}, error: read.error };
  return { readAt: opts.now.toISOString(), users: read.users };
}

/** Each user's report, `CONCURRENCY` at once; the first refusal's name instead if one is refused. */
async function readUsers(
  counter: CallCounter,
  people: AccountState["users"],
): Promise<{ users: LastAccessedData["users"] } | { error: string }> {
  const users: LastAccessedData["users"] = {};
  const queue = [...people];
  try {
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, queue.length) }, async () => {
        for (let u = queue.shift(); u; u = queue.shift()) {
          const report = await readUser(counter, u.arn);
          if (report) users[u.name] = report;
        }
      }),
    );
  } catch (e) {
    return { error: (e as { name?: string }).name ?? "Error" };
  }
  return { users };
}
