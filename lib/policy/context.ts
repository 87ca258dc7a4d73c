/** The request context: condition keys (case-insensitive) → values. */
export type ContextValue = string | number | boolean | readonly (string | number | boolean)[];
export type RequestContextInput = Readonly<Record<string, ContextValue>>;

export type RequestContext = ReadonlyMap<string, readonly string[]>;

export function normaliseContext(input: RequestContextInput | undefined): RequestContext {
  const context = new Map<string, string[]>();
  for (const [key, value] of Object.entries(input ?? {})) {
    const list = Array.isArray(value) ? value : [value];
    context.set(
      key.toLowerCase(),
      list.map((v: string | number | boolean) => String(v)),
    );
  }
  return context;
}
