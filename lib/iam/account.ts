// Reads of the account as a whole: its password policy, and who the caller is.
import { GetAccountPasswordPolicyCommand, type IAMClient, type PasswordPolicy } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, type STSClient } from "@aws-sdk/client-sts";
import { toIamError } from "./errors";

/** AWS's default when the account has no policy: 8+ characters, three of the four classes. */
const DEFAULT_POLICY: PasswordPolicy = { MinimumPasswordLength: 8 };

/** The account's password policy; AWS's default when it has none. */
export async function accountPasswordPolicy(iam: IAMClient): Promise<PasswordPolicy> {
  try {
    const out = await iam.send(new GetAccountPasswordPolicyCommand({}));
    return out.PasswordPolicy ?? DEFAULT_POLICY;
  } catch (e) {
    if (toIamError(e).kind === "not-found") return DEFAULT_POLICY;
    throw e;
  }
}

/** The AWS account the STS client's credentials act in (STS GetCallerIdentity), or null. */
export async function callerAccountId(sts: STSClient): Promise<string | null> {
  return (await sts.send(new GetCallerIdentityCommand({}))).Account ?? null;
}
