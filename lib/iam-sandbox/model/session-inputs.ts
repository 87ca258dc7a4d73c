import { IamError } from "./errors";
import { validationError } from "./params";
import { policySize, validatePolicyDocument } from "./policy-doc";
import type { Ctx } from "./state";
import type { Tag } from "./types";

// What AssumeRole puts into a session besides the role: session tags (Tags, TransitiveTagKeys,
// and the transitive tags of the session that asks) and session policies (Policy, PolicyArns),
// with AWS's limits (docs/iam-facts.md#session-tags-and-session-policies).

export interface SessionInputs {
  /** the new session's tags: the calling session's transitive ones, then those passed */
  tags: Tag[];
  /** keys of `tags` that pass on again (lower-case) */
  transitiveTagKeys: string[];
  /** tags are set on the session (passed or inherited), so sts:TagSession must be allowed */
  tagging: boolean;
  policy?: string;
  policyArns: string[];
  /** the percentage of the packed space used, when anything is packed */
  packedPolicySize?: number;
}

const fold = (key: string) => key.toLowerCase();
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
const POLICY_TEXT = /^[\t\n\r\x20-\xFF]+$/;
const MAX_POLICY_ARNS = 10;

/**
 * AWS packs session policies and tags into the token and bounds the packed form, not the text.
 * The sandbox cannot compress as AWS does, so it counts the plain text against 2,048 characters
 * (the documented plain-text limit of session policies): the policy without whitespace, each
 * policy ARN, each tag key and value.
 */
export const PACKED_SPACE = 2048;

const invalidParameter = (message: string) => new IamError("InvalidParameterValue", message, 400);

function inheritedTags(ctx: Ctx): Tag[] {
  const session = ctx.caller.kind === "role" ? ctx.caller.session : undefined;
  const keys = new Set(session?.transitiveTagKeys ?? []);
  return (session?.tags ?? []).filter((t) => keys.has(fold(t.Key)));
}

function sessionPolicy(ctx: Ctx): string | undefined {
  const policy = ctx.p.opt("Policy");
  if (policy === undefined) return undefined;
  if (!POLICY_TEXT.test(policy))
    throw validationError(
      "policy",
      "satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+",
    );
  try {
    JSON.parse(policy);
  } catch {
    throw new IamError("MalformedPolicyDocument", "The policy is not in the valid JSON format.");
  }
  validatePolicyDocument(policy, "inline");
  return policy;
}

function policyArns(ctx: Ctx): string[] {
  const arns: string[] = [];
  for (let i = 1; ; i++) {
    const arn = ctx.p.opt(`PolicyArns.member.${i}.arn`);
    if (arn === undefined) break;
    if (arn.length < 20 || arn.length > 2048)
      throw validationError(`policyArns.${i}.member.arn`, "have length between 20 and 2048");
    arns.push(arn);
  }
  if (arns.length > MAX_POLICY_ARNS)
    throw validationError("policyArns", `have length less than or equal to ${MAX_POLICY_ARNS}`);
  return arns;
}

function packed(inputs: Omit<SessionInputs, "packedPolicySize" | "tagging">): number | undefined {
  const policyChars =
    (inputs.policy === undefined ? 0 : policySize(inputs.policy)) +
    inputs.policyArns.reduce((n, a) => n + a.length, 0);
  const tagChars = inputs.tags.reduce((n, t) => n + t.Key.length + t.Value.length, 0);
  if (policyChars + tagChars === 0) return undefined;
  const percent = Math.ceil((100 * (policyChars + tagChars)) / PACKED_SPACE);
  if (percent > 100)
    throw new IamError(
      "PackedPolicyTooLarge",
      tagChars > policyChars
        ? `Packed size of session tags consumes ${percent}% of allotted space.`
        : `Packed policy consumes ${percent}% of allotted space, please use smaller policy.`,
    );
  return percent;
}

/** Reads and checks AssumeRole's session tags and policies; throws AWS's error for bad ones. */
export function sessionInputs(ctx: Ctx): SessionInputs {
  const passed = ctx.p.tags();
  const passedKeys = new Set<string>();
  for (const t of passed) {
    if (passedKeys.has(fold(t.Key)))
      throw invalidParameter("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
    passedKeys.add(fold(t.Key));
  }
  const transitive = ctx.p.list("TransitiveTagKeys");
  transitive.forEach((key, i) => {
    if (!TAG_KEY.test(key))
      throw validationError(
        `transitiveTagKeys.${i + 1}.member`,
        "satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+",
      );
  });
  if (transitive.length > 50)
    throw validationError("transitiveTagKeys", "have length less than or equal to 50");
  if (transitive.some((key) => !passedKeys.has(fold(key))))
    throw invalidParameter("The specified transitive tag key must be included in the requested tags.");
  const inherited = inheritedTags(ctx);
  if (inherited.some((t) => passedKeys.has(fold(t.Key))))
    throw invalidParameter(
      "One of the specified transitive tag keys can't be set because it conflicts with a transitive tag key from the calling session.",
    );
  const inputs = {
    tags: [...inherited, ...passed],
    transitiveTagKeys: [...new Set([...inherited.map((t) => fold(t.Key)), ...transitive.map(fold)])],
    policy: sessionPolicy(ctx),
    policyArns: policyArns(ctx),
  };
  return { ...inputs, tagging: inputs.tags.length > 0, packedPolicySize: packed(inputs) };
}
