/** IAM condition operators, as listed in the IAM User Guide's "condition operators" reference. */
const BASE_CONDITION_OPERATORS = [
  "StringEquals",
  "StringNotEquals",
  "StringEqualsIgnoreCase",
  "StringNotEqualsIgnoreCase",
  "StringLike",
  "StringNotLike",
  "NumericEquals",
  "NumericNotEquals",
  "NumericLessThan",
  "NumericLessThanEquals",
  "NumericGreaterThan",
  "NumericGreaterThanEquals",
  "DateEquals",
  "DateNotEquals",
  "DateLessThan",
  "DateLessThanEquals",
  "DateGreaterThan",
  "DateGreaterThanEquals",
  "Bool",
  "BinaryEquals",
  "IpAddress",
  "NotIpAddress",
  "ArnEquals",
  "ArnLike",
  "ArnNotEquals",
  "ArnNotLike",
  "Null",
] as const;
export type BaseConditionOperator = (typeof BASE_CONDITION_OPERATORS)[number];

/** Operators that test that a value does NOT match: AWS treats a missing key as a match for them. */
export const NEGATED_OPERATORS: ReadonlySet<BaseConditionOperator> = new Set([
  "StringNotEquals",
  "StringNotEqualsIgnoreCase",
  "StringNotLike",
  "NumericNotEquals",
  "DateNotEquals",
  "NotIpAddress",
  "ArnNotEquals",
  "ArnNotLike",
]);

export interface ParsedOperator {
  base: BaseConditionOperator;
  setQualifier?: "ForAnyValue" | "ForAllValues";
  ifExists: boolean;
}

const BASE_BY_LOWER = new Map(BASE_CONDITION_OPERATORS.map((op) => [op.toLowerCase(), op]));

/** Split "ForAllValues:StringLikeIfExists" into its parts; undefined when not an operator. */
export function parseConditionOperator(operator: string): ParsedOperator | undefined {
  let rest = operator;
  let setQualifier: ParsedOperator["setQualifier"];
  const colon = rest.indexOf(":");
  if (colon >= 0) {
    const prefix = rest.slice(0, colon).toLowerCase();
    if (prefix === "foranyvalue") setQualifier = "ForAnyValue";
    else if (prefix === "forallvalues") setQualifier = "ForAllValues";
    else return undefined;
    rest = rest.slice(colon + 1);
  }
  let ifExists = false;
  if (rest.toLowerCase().endsWith("ifexists")) {
    ifExists = true;
    rest = rest.slice(0, -"IfExists".length);
  }
  const base = BASE_BY_LOWER.get(rest.toLowerCase());
  if (!base || (base === "Null" && (ifExists || setQualifier))) return undefined;
  return { base, setQualifier, ifExists };
}

export function isKnownConditionOperator(operator: string): boolean {
  return parseConditionOperator(operator) !== undefined;
}
