/**
 * A Map that also keeps its keys in sorted order, so List* calls and the authorization
 * details walk never sort a 5,000-entry collection per request: inserts and deletes cost a
 * binary search plus an array splice, and the sorted values are cached between changes.
 */
export class SortedMap<V> extends Map<string, V> {
  private keysInOrder: string[] = [];
  private cache: V[] | null = null;

  constructor(entries?: Iterable<readonly [string, V]>) {
    // Map's constructor would call set() before our fields exist; fill afterwards.
    super();
    if (entries) for (const [k, v] of entries) this.set(k, v);
  }

  private position(key: string): number {
    let lo = 0;
    let hi = this.keysInOrder.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.keysInOrder[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  override set(key: string, value: V): this {
    if (!super.has(key)) this.keysInOrder.splice(this.position(key), 0, key);
    this.cache = null;
    return super.set(key, value);
  }

  override delete(key: string): boolean {
    if (!super.has(key)) return false;
    this.keysInOrder.splice(this.position(key), 1);
    this.cache = null;
    return super.delete(key);
  }

  override clear(): void {
    this.keysInOrder = [];
    this.cache = null;
    super.clear();
  }

  /** Values ordered by key; do not mutate the returned array. */
  sorted(): V[] {
    if (!this.cache) this.cache = this.keysInOrder.map((k) => super.get(k)!);
    return this.cache;
  }
}
