import { POLICY_KEYS, PRINCIPAL_KEYS, STATEMENT_KEYS, isKnownConditionOperator } from "@/lib/policy";
import { IamError } from "./errors";

export type DocKind = "managed" | "inline" | "trust";

const VERSIONS = new Set(["2012-10-17", "2008-10-17"]);

const malformed = (message: string) => new IamError("MalformedPolicyDocument", message);

/** Operator → key → value(s), values scalars (AWS: "Invalid Condition type" / syntax errors otherwise). */
function checkCondition(value: unknown): void {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw malformed("Syntax errors in policy.");
  for (const [operator, keys] of Object.entries(value)) {
    if (!isKnownConditionOperator(operator)) throw malformed(`Invalid Condition type : ${operator}`);
    if (typeof keys !== "object" || keys === null || Array.isArray(keys))
      throw malformed("Syntax errors in policy.");
    for (const v of Object.values(keys)) {
      if (!asList(v).every((x) => typeof x === "string" || typeof x === "number" || typeof x === "boolean"))
        throw malformed("Syntax errors in policy.");
    }
  }
}

function checkPrincipal(principal: unknown): void {
  if (principal === "*") return;
  if (typeof principal !== "object" || principal === null || Array.isArray(principal))
    throw malformed("Invalid principal in policy");
  for (const [key, v] of Object.entries(principal)) {
    if (!PRINCIPAL_KEYS.has(key)) throw malformed("Invalid principal in policy");
    checkStrings(v);
  }
}

/** IAM counts policy size without whitespace (docs/iam-facts.md#policy-documents). */
export function policySize(document: string): number {
  let n = 0;
  for (let i = 0; i < document.length; i++) {
    const c = document.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) n++;
  }
  return n;
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function checkStrings(value: unknown): string[] {
  const list = asList(value);
  if (list.length === 0 || list.some((v) => typeof v !== "string"))
    throw malformed("Syntax errors in policy.");
  return list as string[];
}

function checkActions(value: unknown): void {
  for (const action of checkStrings(value)) {
    if (action !== "*" && !/^[a-zA-Z0-9-]+:[\w*?-]+$/.test(action))
      throw malformed("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
  }
}

function checkResources(value: unknown): void {
  for (const resource of checkStrings(value)) {
    if (resource !== "*" && !resource.startsWith("arn:"))
      throw malformed(`Resource ${resource} must be in ARN format or "*".`);
  }
}

function checkStatement(raw: unknown, kind: DocKind): void {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    throw malformed("Syntax errors in policy.");
  const st = raw as Record<string, unknown>;
  for (const key of Object.keys(st))
    if (!STATEMENT_KEYS.has(key)) throw malformed("Syntax errors in policy.");
  if (st.Sid !== undefined && typeof st.Sid !== "string") throw malformed("Syntax errors in policy.");
  // Identity policies take Sids of letters and digits only, as AWS answers (resource and trust
  // policies are more lenient in places; the sandbox checks only what IAM documents).
  if (kind !== "trust" && typeof st.Sid === "string" && !/^[0-9A-Za-z]*$/.test(st.Sid))
    throw malformed(
      "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*",
    );
  if (st.Effect === undefined) throw malformed("Missing required field Effect");
  if (st.Effect !== "Allow" && st.Effect !== "Deny") throw malformed("Invalid effect: " + String(st.Effect));
  if (st.Action !== undefined && st.NotAction !== undefined) throw malformed("Syntax errors in policy.");
  if (st.Action === undefined && st.NotAction === undefined)
    throw malformed("Policy statement must contain actions.");
  checkActions(st.Action ?? st.NotAction);
  if (st.Condition !== undefined) checkCondition(st.Condition);
  if (kind === "trust") {
    if (st.Resource !== undefined || st.NotResource !== undefined)
      throw malformed("Has prohibited field Resource");
    if (st.Principal === undefined && st.NotPrincipal === undefined)
      throw malformed("Missing required field Principal");
    checkPrincipal(st.Principal ?? st.NotPrincipal);
    return;
  }
  if (st.Principal !== undefined || st.NotPrincipal !== undefined)
    throw malformed("Policy document should not specify a principal.");
  if (st.Resource !== undefined && st.NotResource !== undefined) throw malformed("Syntax errors in policy.");
  if (st.Resource === undefined && st.NotResource === undefined)
    throw malformed("Policy statement must contain resources.");
  checkResources(st.Resource ?? st.NotResource);
}

/** Structural checks IAM applies before storing a document; throws MalformedPolicyDocument. */
export function validatePolicyDocument(document: string, kind: DocKind): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    throw malformed("Syntax errors in policy.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw malformed("Syntax errors in policy.");
  const doc = parsed as Record<string, unknown>;
  for (const key of Object.keys(doc)) if (!POLICY_KEYS.has(key)) throw malformed("Syntax errors in policy.");
  if (doc.Id !== undefined && typeof doc.Id !== "string") throw malformed("Syntax errors in policy.");
  if (doc.Version !== undefined && (typeof doc.Version !== "string" || !VERSIONS.has(doc.Version)))
    throw malformed("The policy must contain a valid version string");
  // Managed policies need the current grammar; inline and trust policies still accept 2008 or none.
  if (kind === "managed" && doc.Version !== "2012-10-17")
    throw malformed("Policy document must be version 2012-10-17 or greater.");
  if (doc.Statement === undefined) throw malformed("Syntax errors in policy.");
  const statements = asList(doc.Statement);
  if (statements.length === 0) throw malformed("Syntax errors in policy.");
  const sids = new Set<string>();
  for (const st of statements) {
    checkStatement(st, kind);
    const sid = (st as { Sid?: string }).Sid;
    if (sid === undefined || sid === "") continue;
    if (sids.has(sid)) throw malformed("Statement IDs (SID) in a single policy must be unique.");
    sids.add(sid);
  }
}
