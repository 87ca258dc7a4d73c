import { IamError } from "./errors";
import { RULES, type Params } from "./params";
import type { SortedMap } from "./sorted-map";
import { everything, visible, type Ctx } from "./state";
import type { XmlValue } from "../http/xml";

export interface Page<T> {
  items: T[];
  IsTruncated: boolean;
  Marker?: string;
}

const PREFIX = "sbx1:";

function invalidMarker(): IamError {
  return new IamError("ValidationError", "Invalid Marker.");
}

function encodeMarker(key: string): string {
  return Buffer.from(PREFIX + key, "utf8").toString("base64url");
}

function decodeMarker(marker: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(marker)) throw invalidMarker();
  const text = Buffer.from(marker, "base64url").toString("utf8");
  if (!text.startsWith(PREFIX)) throw invalidMarker();
  return text.slice(PREFIX.length);
}

function readPaging(p: Params): { maxItems: number; after?: string } {
  const maxItems = p.int("MaxItems", 1, 1000) ?? 100;
  const marker = p.opt("Marker", RULES.marker);
  return { maxItems, after: marker === undefined ? undefined : decodeMarker(marker) };
}

/**
 * Pages through `sorted` (ascending by `key`). The marker is the key of the last item
 * returned, so deletions between pages neither skip nor repeat entries. The last page
 * carries no Marker because the JS paginators stop only when it is absent.
 */
export function paginate<T>(sorted: T[], key: (t: T) => string, p: Params): Page<T> {
  const { maxItems, after } = readPaging(p);
  let start = 0;
  if (after !== undefined) {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (key(sorted[mid]) <= after) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  const items = sorted.slice(start, start + maxItems);
  const truncated = start + maxItems < sorted.length;
  return {
    items,
    IsTruncated: truncated,
    Marker: truncated ? encodeMarker(key(items[items.length - 1])) : undefined,
  };
}

/** For lists kept in insertion order (keys, members): the key is the zero-padded position. */
export function paginateOrdered<T>(items: T[], p: Params): Page<T> {
  const indexed = items.map((item, i) => ({ item, k: String(i).padStart(10, "0") }));
  const page = paginate(indexed, (x) => x.k, p);
  return { ...page, items: page.items.map((x) => x.item) };
}

export function byKey<T>(items: Iterable<T>, key: (t: T) => string): T[] {
  const decorated = [...items].map((item) => ({ k: key(item), item }));
  decorated.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  return decorated.map((d) => d.item);
}

/** A List* answer: the page's items (through `out`, if given) under `member`, then IsTruncated and Marker. */
export function pageOut<T>(member: string, page: Page<T>, out?: (item: T) => XmlValue) {
  return {
    [member]: out ? page.items.map(out) : (page.items as XmlValue[]),
    IsTruncated: page.IsTruncated,
    Marker: page.Marker,
  };
}

/**
 * ListUsers, ListGroups, ListRoles, ListInstanceProfiles: one page, by name, of the entities
 * whose path starts with PathPrefix (default "/": all of them).
 */
export function pageByPath<T extends { path: string; name: string; created: number }>(
  ctx: Ctx,
  entities: SortedMap<T>,
): Page<T> {
  const prefix = ctx.p.opt("PathPrefix", RULES.pathPrefix) ?? "/";
  const list = everything(ctx, prefix)
    ? entities.sorted()
    : entities.sorted().filter((e) => e.path.startsWith(prefix) && visible(ctx, e.created));
  return paginate(list, (e) => e.name.toLowerCase(), ctx.p);
}
