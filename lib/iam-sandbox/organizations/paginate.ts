import { createHash } from "node:crypto";
import { OrganizationsError, type OrgInput } from "./errors";

// Organizations' List* page with MaxResults (1-20) and an opaque NextToken. The token holds the
// next position and a fingerprint of the parameters that made it, so it works only with them.

const DEFAULT_MAX = 20;

function fingerprint(input: OrgInput, key: string): string {
  const { NextToken: _token, MaxResults: _max, ...rest } = input;
  return createHash("sha256")
    .update(JSON.stringify([key, rest]))
    .digest("base64url")
    .slice(0, 16);
}

const badToken = () =>
  OrganizationsError.invalid(
    "INVALID_NEXT_TOKEN",
    "You specified an invalid value for nextToken. You must get the value from the response to a previous call to the API.",
  );

export function page<T>(input: OrgInput, key: string, items: readonly T[], out: (item: T) => unknown) {
  const max = input.MaxResults ?? DEFAULT_MAX;
  if (typeof max !== "number" || !Number.isInteger(max))
    throw OrganizationsError.invalid("INVALID_ENUM", "You specified an invalid value.");
  if (max < 1)
    throw OrganizationsError.invalid(
      "MIN_VALUE_EXCEEDED",
      "You provided a numeric parameter that has a smaller value than allowed.",
    );
  if (max > 20)
    throw OrganizationsError.invalid(
      "MAX_VALUE_EXCEEDED",
      "You provided a numeric parameter that has a larger value than allowed.",
    );
  const fp = fingerprint(input, key);
  let from = 0;
  if (input.NextToken !== undefined && input.NextToken !== null) {
    const [tokenFp, position] = String(input.NextToken).split(".");
    from = Number(position);
    if (tokenFp !== fp || !Number.isInteger(from) || from < 1 || from >= items.length) throw badToken();
  }
  const slice = items.slice(from, from + max);
  const next = from + max < items.length ? { NextToken: `${fp}.${from + max}` } : {};
  return { [key]: slice.map(out), ...next };
}
