import type { RequestContext } from "./context";

/** A piece of a resolved value: `literal` text came from the request, so `*` and `?` in it are not wildcards. */
export interface Token {
  text: string;
  literal: boolean;
}

const VARIABLE = /\$\{([^}]*)\}/g;
const SPECIAL: Record<string, string> = { "*": "*", "?": "?", $: "$" };

export function hasPolicyVariable(text: string): boolean {
  return text.includes("${");
}

/**
 * Replace IAM policy variables (`${aws:username}`, `${aws:PrincipalTag/team, 'none'}`, `${*}`)
 * with values from the request context. Returns undefined when a variable has no value and no
 * default: AWS then treats the element as not matching. Multi-valued keys cannot be variables.
 */
export function resolveVariables(text: string, context: RequestContext): Token[] | undefined {
  const tokens: Token[] = [];
  let last = 0;
  for (const match of text.matchAll(VARIABLE)) {
    const start = match.index ?? 0;
    if (start > last) tokens.push({ text: text.slice(last, start), literal: false });
    last = start + match[0].length;
    const inner = match[1].trim();
    if (inner in SPECIAL) {
      tokens.push({ text: SPECIAL[inner], literal: true });
      continue;
    }
    const withDefault = /^([^,]+?)\s*,\s*'((?:[^']|'')*)'$/.exec(inner);
    const key = (withDefault ? withDefault[1] : inner).trim().toLowerCase();
    const values = context.get(key);
    if (values && values.length === 1) tokens.push({ text: values[0], literal: true });
    else if (withDefault) tokens.push({ text: withDefault[2].replace(/''/g, "'"), literal: true });
    else return undefined;
  }
  if (last < text.length) tokens.push({ text: text.slice(last), literal: false });
  return tokens;
}

export function tokensText(tokens: readonly Token[]): string {
  return tokens.map((t) => t.text).join("");
}

/** Wildcard match where only non-literal tokens may carry `*` and `?`. */
export function tokensMatch(tokens: readonly Token[], value: string, ignoreCase: boolean): boolean {
  const body = tokens
    .map((t) => {
      const escaped = t.text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      return t.literal ? escaped : escaped.replace(/\\\*/g, "[\\s\\S]*").replace(/\\\?/g, "[\\s\\S]");
    })
    .join("");
  return new RegExp(`^${body}$`, ignoreCase ? "i" : "").test(value);
}
