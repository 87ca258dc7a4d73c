// Which access key is which, between two reads of one user.
//
// IAM names a key by its id, but the credential report has no ids: only each key's creation
// time, to the second. A user can hold two keys created in the same second (a script, or a key
// created right after the user was seeded), so a creation time is not an identity: two keys at
// one second are two keys, and a key matched once is not matched again.

interface Key {
  id?: string;
  created: string;
}

/**
 * Pairs keys of `a` with keys of `b`: first by id where both sides know it, then by creation
 * time among the rest (never two keys whose known ids differ). Each key is paired at most once.
 */
export function pairKeys<A extends Key, B extends Key>(
  a: A[],
  b: B[],
): { pairs: [A, B][]; onlyA: A[]; onlyB: B[] } {
  const freeB = new Set(b.map((_, i) => i));
  const partner = new Map<number, number>();
  const claim = (ai: number, fits: (x: B) => boolean) => {
    for (const bi of freeB) {
      if (!fits(b[bi])) continue;
      freeB.delete(bi);
      partner.set(ai, bi);
      return;
    }
  };
  a.forEach((x, ai) => x.id && claim(ai, (y) => y.id === x.id));
  a.forEach((x, ai) => partner.has(ai) || claim(ai, (y) => y.created === x.created && !(x.id && y.id)));
  return {
    pairs: [...partner].map(([ai, bi]) => [a[ai], b[bi]]),
    onlyA: a.filter((_, ai) => !partner.has(ai)),
    onlyB: b.filter((_, bi) => freeB.has(bi)),
  };
}
