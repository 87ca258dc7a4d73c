/**
 * The version IAM uses now: the one published last (each publish makes its version the policy's
 * default, so an older version published again is the live one). Null when none was published.
 */
export function publishedVersion<V extends { publishedAt: string | null }>(versions: readonly V[]): V | null {
  let live: V | null = null;
  for (const v of versions) if (v.publishedAt && (!live || v.publishedAt > live.publishedAt!)) live = v;
  return live;
}
