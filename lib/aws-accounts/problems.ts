import type { AwsAccount } from "@/lib/db";
import { toIamError } from "@/lib/iam";

// A failed connection check, in words an admin can act on. AWS answers AccessDenied alike for a
// trust policy that does not name the caller, a wrong or missing ExternalId, and a role that does
// not exist (docs/iam-facts.md#assumerole), so one sentence names all three.

export type CheckStage = "assume" | "identify";

export function connectionProblem(
  e: unknown,
  ctx: { roleArn: string; appPrincipal: string | null; stage: CheckStage },
): string {
  const err = toIamError(e);
  const app = ctx.appPrincipal ?? "Gatehouse's own principal";
  if (err.kind === "retryable" && err.code !== "Throttling" && err.code !== "RequestLimitExceeded")
    return "AWS STS could not be reached (no answer, or a temporary failure); check the network and try again.";
  switch (err.code) {
    case "AccessDenied":
      return ctx.stage === "assume"
        ? `Gatehouse may not assume ${ctx.roleArn}: check the role's trust policy names ${app} and the ExternalId (AWS gives the same answer for a wrong ExternalId and for a role that does not exist).`
        : `Gatehouse assumed ${ctx.roleArn}, but the session may not call STS GetCallerIdentity.`;
    case "Throttling":
    case "RequestLimitExceeded":
      return "AWS STS throttled the check (rate exceeded); try again in a minute.";
    case "ValidationError":
    case "InvalidParameterValue":
    case "MalformedPolicyDocument":
      return "AWS STS refused the request as malformed: check the role ARN and the ExternalId.";
    case "ExpiredToken":
    case "InvalidClientTokenId":
    case "SignatureDoesNotMatch":
    case "UnrecognizedClient":
      return ctx.stage === "assume"
        ? `AWS STS refused Gatehouse's own credentials (${err.code}); see Settings → Connection.`
        : `AWS STS refused the assumed session's credentials (${err.code}).`;
    case "RegionDisabled":
      return "AWS STS is not enabled in this region for the account.";
  }
  return `The connection check failed (${err.code}).`;
}

/** A refused discovery, in words: what AWS Organizations said and what to set up. */
export function discoveryProblem(
  e: unknown,
  ctx: { accountId: string | null; appPrincipal: string | null },
): { code: string; problem: string } {
  const { code, kind } = toIamError(e);
  const account = ctx.accountId ? `Gatehouse's own account (${ctx.accountId})` : "Gatehouse's own account";
  const app = ctx.appPrincipal ?? "Gatehouse's own principal";
  switch (code) {
    case "AWSOrganizationsNotInUse":
      return {
        code,
        problem: `${account} is not in an AWS Organization: run Gatehouse in the organization's management account (or a delegated administrator), or add accounts by their role.`,
      };
    case "AccessDenied":
      return {
        code,
        problem: `AWS Organizations refused to list the accounts (AccessDenied): ${app} needs the management policy (organizations:List*, organizations:Describe*; Settings → Connection), in the organization's management account or a delegated administrator.`,
      };
    // Organizations' throttling error (botocore: TooManyRequestsException).
    case "TooManyRequests":
      return {
        code,
        problem: "AWS Organizations throttled the listing (rate exceeded); try again in a minute.",
      };
  }
  if (kind === "retryable")
    return {
      code,
      problem: "AWS Organizations could not be reached (no answer, or a temporary failure); try again.",
    };
  return { code, problem: `AWS Organizations refused to list the accounts (${code}).` };
}

/**
 * Why an account's IAM could not be read, in words: the session (AssumeRole, in the credential
 * provider) or the IAM read itself failed.
 */
export function accountReadProblem(e: unknown, a: AwsAccount, appPrincipal: string | null): string {
  const err = toIamError(e);
  const raw = (e as { message?: string } | null)?.message ?? "";
  const assuming = err.code !== "AccessDenied" || /sts:AssumeRole/.test(raw);
  return assuming
    ? connectionProblem(e, { roleArn: a.roleArn ?? a.id, appPrincipal, stage: "assume" })
    : `Gatehouse's session in ${a.name} may not read IAM users (${err.code}): the role lacks the app policy.`;
}
