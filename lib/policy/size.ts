/**
 * Policy size as IAM counts it against its quotas: characters, not counting whitespace.
 * A string is measured as written (after URL-decoding); an object as its compact JSON.
 */
export function policySize(document: string | object): number {
  const text = typeof document === "string" ? document : JSON.stringify(document);
  let size = 0;
  for (const ch of text) if (!/\s/.test(ch)) size += 1;
  return size;
}

/** IAM quotas (characters without whitespace) per place a policy can live. */
export const POLICY_SIZE_QUOTAS = {
  managed: 6144,
  "user-inline": 2048,
  "group-inline": 5120,
  "role-inline": 10240,
  trust: 2048,
} as const;
