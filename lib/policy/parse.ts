import type { ConditionBlock, Finding, PolicyDocument, PolicyKind, Principal, Statement } from "./types";
import { isKnownConditionOperator } from "./condition-operators";
import { POLICY_KEYS, PRINCIPAL_KEYS, STATEMENT_KEYS } from "./grammar";

export type ParseResult = { ok: true; document: PolicyDocument } | { ok: false; errors: Finding[] };

const ACTION_SHAPE = /^(\*|[A-Za-z0-9*?-]+:[A-Za-z0-9*?_-]+)$/;

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Policy text as IAM returns it may be percent-encoded (GetPolicyVersion & co.). Decode once,
 * and only when the text is not already JSON, so a literal `%` inside a JSON policy survives.
 */
export function decodePolicyText(text: string): string {
  const trimmed = text.trim();
  if (trimmed.startsWith("{") || !trimmed.includes("%")) return trimmed;
  try {
    return decodeURIComponent(trimmed).trim();
  } catch {
    return trimmed;
  }
}

/** Parse and normalise a policy (JSON text, URL-encoded JSON text, or an object). */
export function parsePolicy(input: string | object, options: { kind?: PolicyKind } = {}): ParseResult {
  const kind = options.kind ?? "identity";
  let raw: Json = input;
  if (typeof input === "string") {
    try {
      raw = JSON.parse(decodePolicyText(input));
    } catch (e) {
      const detail = e instanceof SyntaxError ? ` (${e.message})` : "";
      return { ok: false, errors: [err("invalid-json", `The policy is not valid JSON${detail}.`, "")] };
    }
  }
  const errors: Finding[] = [];
  if (!isObject(raw)) {
    return { ok: false, errors: [err("not-an-object", "A policy must be a JSON object.", "")] };
  }
  for (const key of Object.keys(raw)) {
    if (!POLICY_KEYS.has(key)) errors.push(err("unknown-key", `"${key}" is not a policy element.`, key));
  }
  const document: PolicyDocument = { Statement: [] };
  if (raw.Version !== undefined) {
    if (raw.Version === "2012-10-17" || raw.Version === "2008-10-17") document.Version = raw.Version;
    else
      errors.push(
        err("invalid-version", 'Version must be "2012-10-17" (or the legacy "2008-10-17").', "Version"),
      );
  }
  if (raw.Id !== undefined) {
    if (typeof raw.Id === "string") document.Id = raw.Id;
    else errors.push(err("invalid-id", "Id must be a string.", "Id"));
  }
  const rawStatements = raw.Statement;
  if (rawStatements === undefined) {
    errors.push(err("missing-statement", "The policy has no Statement.", "Statement"));
  } else {
    const list = Array.isArray(rawStatements) ? rawStatements : [rawStatements];
    if (list.length === 0)
      errors.push(err("missing-statement", "The policy has no statements.", "Statement"));
    const seenSids = new Set<string>();
    list.forEach((s, i) => {
      // Paths index the normalised document, so a lone Statement object is Statement[0].
      const path = `Statement[${i}]`;
      const statement = parseStatement(s, path, kind, errors);
      if (statement?.Sid !== undefined) {
        if (seenSids.has(statement.Sid)) {
          errors.push(
            err("duplicate-sid", `Sid "${statement.Sid}" is used by more than one statement.`, `${path}.Sid`),
          );
        }
        seenSids.add(statement.Sid);
      }
      if (statement) document.Statement.push(statement);
    });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, document };
}

function parseStatement(raw: Json, path: string, kind: PolicyKind, errors: Finding[]): Statement | undefined {
  if (!isObject(raw)) {
    errors.push(err("invalid-statement", "Each statement must be a JSON object.", path));
    return undefined;
  }
  for (const key of Object.keys(raw)) {
    if (!STATEMENT_KEYS.has(key))
      errors.push(err("unknown-key", `"${key}" is not a statement element.`, `${path}.${key}`));
  }
  const statement: Statement = { Effect: "Allow" };
  if (raw.Sid !== undefined) {
    if (typeof raw.Sid === "string" && /^[A-Za-z0-9]*$/.test(raw.Sid)) statement.Sid = raw.Sid;
    else errors.push(err("invalid-sid", "Sid may contain only letters and digits.", `${path}.Sid`));
  }
  if (raw.Effect === "Allow" || raw.Effect === "Deny") statement.Effect = raw.Effect;
  else if (raw.Effect === undefined)
    errors.push(
      err("missing-effect", 'Every statement needs "Effect": "Allow" or "Deny".', `${path}.Effect`),
    );
  else errors.push(err("invalid-effect", 'Effect must be exactly "Allow" or "Deny".', `${path}.Effect`));

  const actionKey = exactlyOne(raw, "Action", "NotAction", path, errors, true);
  if (actionKey) {
    const values = stringList(raw[actionKey], `${path}.${actionKey}`, errors);
    values?.forEach((a, i) => {
      if (!ACTION_SHAPE.test(a)) {
        errors.push(
          err(
            "invalid-action",
            `"${a}" is not an action; use the form service:Action (e.g. s3:GetObject).`,
            `${path}.${actionKey}[${i}]`,
          ),
        );
      }
    });
    if (values) statement[actionKey] = values;
  }
  const resourceRequired = kind === "identity";
  if (kind === "trust" && (raw.Resource !== undefined || raw.NotResource !== undefined)) {
    errors.push(
      err(
        "resource-in-trust",
        "A trust policy must not name a Resource; it applies to the role itself.",
        `${path}.${raw.Resource !== undefined ? "Resource" : "NotResource"}`,
      ),
    );
  } else {
    const resourceKey = exactlyOne(raw, "Resource", "NotResource", path, errors, resourceRequired);
    if (resourceKey) {
      const values = stringList(raw[resourceKey], `${path}.${resourceKey}`, errors);
      if (values) statement[resourceKey] = values;
    }
  }
  for (const key of ["Principal", "NotPrincipal"] as const) {
    if (raw[key] === undefined) continue;
    if (kind === "identity") {
      errors.push(
        err(
          "principal-in-identity-policy",
          `${key} belongs in trust or resource policies, not in a policy attached to a user, group or role.`,
          `${path}.${key}`,
        ),
      );
      continue;
    }
    const principal = parsePrincipal(raw[key], `${path}.${key}`, errors);
    if (principal) statement[key] = principal;
  }
  if (kind !== "identity" && raw.Principal === undefined && raw.NotPrincipal === undefined) {
    errors.push(
      err("missing-principal", "This statement must say who it applies to (Principal).", `${path}.Principal`),
    );
  }
  if (raw.Condition !== undefined) {
    const condition = parseCondition(raw.Condition, `${path}.Condition`, errors);
    if (condition) statement.Condition = condition;
  }
  return statement;
}

function exactlyOne<K extends string>(
  raw: Record<string, Json>,
  a: K,
  b: K,
  path: string,
  errors: Finding[],
  required: boolean,
): K | undefined {
  const hasA = raw[a] !== undefined;
  const hasB = raw[b] !== undefined;
  if (hasA && hasB) {
    errors.push(err("conflicting-elements", `A statement may have ${a} or ${b}, not both.`, `${path}.${b}`));
    return undefined;
  }
  if (!hasA && !hasB) {
    if (required)
      errors.push(err(`missing-${a.toLowerCase()}`, `Every statement needs ${a} (or ${b}).`, `${path}.${a}`));
    return undefined;
  }
  return hasA ? a : b;
}

function stringList(value: Json, path: string, errors: Finding[]): string[] | undefined {
  const list = typeof value === "string" ? [value] : value;
  if (
    !Array.isArray(list) ||
    list.length === 0 ||
    !list.every((v) => typeof v === "string" && v.length > 0)
  ) {
    errors.push(err("invalid-list", "Expected a non-empty string or a non-empty list of strings.", path));
    return undefined;
  }
  return list as string[];
}

function parsePrincipal(value: Json, path: string, errors: Finding[]): Principal | undefined {
  if (value === "*") return "*";
  if (!isObject(value)) {
    errors.push(
      err(
        "invalid-principal",
        'Principal must be "*" or an object such as {"AWS": "arn:aws:iam::123456789012:root"}.',
        path,
      ),
    );
    return undefined;
  }
  const principal: Exclude<Principal, "*"> = {};
  for (const [key, v] of Object.entries(value)) {
    if (!PRINCIPAL_KEYS.has(key)) {
      errors.push(
        err(
          "unknown-key",
          `"${key}" is not a principal type (AWS, Service, Federated, CanonicalUser).`,
          `${path}.${key}`,
        ),
      );
      continue;
    }
    const list = stringList(v, `${path}.${key}`, errors);
    if (list) principal[key as keyof typeof principal] = list;
  }
  return principal;
}

function parseCondition(value: Json, path: string, errors: Finding[]): ConditionBlock | undefined {
  if (!isObject(value)) {
    errors.push(err("invalid-condition", "Condition must be an object: operator → key → value(s).", path));
    return undefined;
  }
  const block: ConditionBlock = {};
  for (const [operator, keys] of Object.entries(value)) {
    const opPath = `${path}.${operator}`;
    if (!isKnownConditionOperator(operator)) {
      errors.push(
        err("unknown-condition-operator", `"${operator}" is not an IAM condition operator.`, opPath),
      );
      continue;
    }
    if (!isObject(keys)) {
      errors.push(err("invalid-condition", `${operator} must map condition keys to values.`, opPath));
      continue;
    }
    const entries: Record<string, string[]> = {};
    for (const [key, raw] of Object.entries(keys)) {
      const list = Array.isArray(raw) ? raw : [raw];
      if (!list.every((v) => typeof v === "string" || typeof v === "number" || typeof v === "boolean")) {
        errors.push(
          err(
            "invalid-condition-value",
            `Values of ${key} must be strings, numbers or booleans.`,
            `${opPath}.${key}`,
          ),
        );
        continue;
      }
      entries[key] = list.map((v) => String(v));
    }
    block[operator] = entries;
  }
  return block;
}

function err(code: string, message: string, path: string): Finding {
  return { code, message, path };
}
