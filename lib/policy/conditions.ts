import type { RequestContext } from "./context";
import { NEGATED_OPERATORS, parseConditionOperator, type BaseConditionOperator } from "./condition-operators";
import { ipInCidr } from "./ip";
import type { ConditionBlock } from "./types";
import { hasPolicyVariable, resolveVariables, tokensMatch, tokensText, type Token } from "./variables";
import { arnConditionMatches } from "./wildcard";

/** The positive operator whose result a negated operator inverts (StringNotLike → StringLike). */
const POSITIVE_OF: Partial<Record<BaseConditionOperator, BaseConditionOperator>> = {
  StringNotEquals: "StringEquals",
  StringNotEqualsIgnoreCase: "StringEqualsIgnoreCase",
  StringNotLike: "StringLike",
  NumericNotEquals: "NumericEquals",
  DateNotEquals: "DateEquals",
  NotIpAddress: "IpAddress",
  ArnNotEquals: "ArnEquals",
  ArnNotLike: "ArnLike",
};

const SUPPORTS_VARIABLES = /^(String|Arn)/;

function toDate(text: string): number {
  return /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text);
}

function numeric(a: string, b: string, cmp: (x: number, y: number) => boolean): boolean {
  const x = Number(a);
  const y = Number(b);
  return a.trim() !== "" && b.trim() !== "" && !Number.isNaN(x) && !Number.isNaN(y) && cmp(x, y);
}

function dates(a: string, b: string, cmp: (x: number, y: number) => boolean): boolean {
  const x = toDate(a);
  const y = toDate(b);
  return !Number.isNaN(x) && !Number.isNaN(y) && cmp(x, y);
}

/** Numeric… and Date… operators: the same comparisons, on numbers or on instants. */
const ORDERED = /^(Numeric|Date)(Equals|LessThan|LessThanEquals|GreaterThan|GreaterThanEquals)$/;
const COMPARE: Record<string, (x: number, y: number) => boolean> = {
  Equals: (x, y) => x === y,
  LessThan: (x, y) => x < y,
  LessThanEquals: (x, y) => x <= y,
  GreaterThan: (x, y) => x > y,
  GreaterThanEquals: (x, y) => x >= y,
};

/** One request value against one policy value for a positive operator. */
function positiveMatch(op: BaseConditionOperator, policy: Token[], value: string): boolean {
  const p = tokensText(policy);
  const ordered = ORDERED.exec(op);
  if (ordered) return (ordered[1] === "Numeric" ? numeric : dates)(value, p, COMPARE[ordered[2]]);
  switch (op) {
    case "StringEquals":
      return p === value;
    case "StringEqualsIgnoreCase":
      return p.toLowerCase() === value.toLowerCase();
    case "StringLike":
      return tokensMatch(policy, value, false);
    case "Bool":
      return p.toLowerCase() === value.toLowerCase();
    case "BinaryEquals":
      return p === value;
    case "IpAddress":
      return ipInCidr(value, p);
    case "ArnEquals":
    case "ArnLike":
      return policy.every((t) => !t.literal)
        ? arnConditionMatches(p, value)
        : tokensMatch(policy, value, false);
    default:
      return false;
  }
}

/**
 * Does one request value satisfy the operator against the policy's values? Values OR together;
 * for a negated operator that is a NOR ("matches none of the listed values").
 */
function valueSatisfies(op: BaseConditionOperator, policyValues: Token[][], value: string): boolean {
  const positive = POSITIVE_OF[op];
  if (positive) return !policyValues.some((p) => positiveMatch(positive, p, value));
  return policyValues.some((p) => positiveMatch(op, p, value));
}

/**
 * Evaluate a statement's Condition block against the request context, following the IAM
 * User Guide: operators AND, keys AND, values OR (NOR when negated). A key missing from the
 * context makes the test false, except for negated operators and ...IfExists (true), Null
 * (that is what it tests), ForAllValues (true on an empty set) and ForAnyValue (false).
 */
export function conditionHolds(
  block: ConditionBlock,
  context: RequestContext,
  variablesEnabled: boolean,
): boolean {
  for (const [operator, keys] of Object.entries(block)) {
    const parsed = parseConditionOperator(operator);
    if (!parsed) return false;
    for (const [key, rawValues] of Object.entries(keys)) {
      const requestValues = context.get(key.toLowerCase());
      const present = requestValues !== undefined && requestValues.length > 0;
      if (parsed.base === "Null") {
        if (!rawValues.some((v) => (v.toLowerCase() === "true" ? !present : present))) return false;
        continue;
      }
      const canResolve = variablesEnabled && SUPPORTS_VARIABLES.test(parsed.base);
      const policyValues = rawValues.flatMap((v): Token[][] => {
        if (!canResolve || !hasPolicyVariable(v)) return [[{ text: v, literal: false }]];
        const tokens = resolveVariables(v, context);
        return tokens ? [tokens] : [];
      });
      const negated = NEGATED_OPERATORS.has(parsed.base);
      let holds: boolean;
      if (parsed.setQualifier === "ForAllValues") {
        holds = !present || requestValues.every((v) => valueSatisfies(parsed.base, policyValues, v));
      } else if (parsed.setQualifier === "ForAnyValue") {
        holds = present && requestValues.some((v) => valueSatisfies(parsed.base, policyValues, v));
      } else if (!present) {
        holds = parsed.ifExists || negated;
      } else if (negated) {
        holds = requestValues.every((v) => valueSatisfies(parsed.base, policyValues, v));
      } else {
        holds = requestValues.some((v) => valueSatisfies(parsed.base, policyValues, v));
      }
      if (!holds) return false;
    }
  }
  return true;
}
