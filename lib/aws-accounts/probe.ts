import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import type { MemberClients } from "./clients";
import { connectionProblem, type CheckStage } from "./problems";
import type { MemberRole } from "./sessions";

export type Probe =
  { status: "ok"; principal: string; error: null } | { status: "error"; principal: null; error: string };

/**
 * The connection check: a fresh AssumeRole of the account's role (a cached session would hide a
 * trust policy changed since), then STS GetCallerIdentity with that session. Never throws: a
 * failure comes back in words.
 */
export async function probe(
  members: MemberClients,
  role: MemberRole & { accountId: string },
  appPrincipal: string | null,
): Promise<Probe> {
  members.forget(role);
  let stage: CheckStage = "assume";
  try {
    await members.sessions.credentials(role);
    stage = "identify";
    const me = await members
      .for(role)
      .sts.send(new GetCallerIdentityCommand({}), { abortSignal: AbortSignal.timeout(10_000) });
    if (me.Account !== role.accountId)
      return {
        status: "error",
        principal: null,
        error: `The session of ${role.roleArn} acts in account ${me.Account}, not ${role.accountId}.`,
      };
    return { status: "ok", principal: me.Arn ?? role.roleArn, error: null };
  } catch (e) {
    return {
      status: "error",
      principal: null,
      error: connectionProblem(e, { ...role, appPrincipal, stage }),
    };
  }
}
