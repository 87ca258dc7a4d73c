// The one way to read a paginated IAM list: the SDK's own paginators (`paginateListXxx` from
// @aws-sdk/client-iam), collected by `allPages`.

/** What an SDK call returns: its metadata carries the IAM request id and the SDK's attempts. */
export type SdkOutput = { $metadata: { requestId?: string; attempts?: number } };

/**
 * Sees each response as it arrives and returns it: the engine records request ids and attempts,
 * the review's sync counts calls.
 */
export type Recorder = <O extends SdkOutput>(out: O) => O;

export const notRecorded: Recorder = (out) => out;

/** Every item of every page of an SDK paginator, picked from each page in order. */
export async function allPages<P extends SdkOutput, T>(
  pages: AsyncIterable<P>,
  pick: (page: P) => T[] | undefined,
  record: Recorder = notRecorded,
): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...(pick(record(page)) ?? []));
  return out;
}

/** Several reads side by side, their results by name (one round of reads, not one after another). */
export async function inParallel<T extends object>(reads: T): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const keys = Object.keys(reads);
  const values = await Promise.all(Object.values(reads));
  return Object.fromEntries(keys.map((k, i) => [k, values[i]])) as { [K in keyof T]: Awaited<T[K]> };
}
