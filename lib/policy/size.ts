/**
 * Policy size as IAM counts it against its quotas. AWS's IAM quotas page: "IAM does not count
 * white space when calculating the size of a policy against these limitations", and a policy
 * document may contain only tab, line feed, carriage return and U+0020–U+00FF. So the measure
 * is characters other than space, tab, LF and CR (one per code point, never bytes). A string
 * is measured as written (after URL-decoding); an object as its compact JSON. One pass, no
 * RegExp per character: this runs on every draft, of any length, before anything else.
 */
export function policySize(document: string | object): number {
  const text = typeof document === "string" ? document : JSON.stringify(document);
  let size = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
    if (c >= 0xdc00 && c <= 0xdfff) continue; // the second half of a surrogate pair: one character
    size += 1;
  }
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
