import type { HandlerTable } from "./handler";
import { accessKeyHandlers } from "./access-keys";
import { accountHandlers } from "./account";
import { attachHandlers } from "./attach";
import { authDetailsHandlers } from "./auth-details";
import { groupHandlers } from "./groups";
import { inlineHandlers } from "./inline";
import { instanceProfileHandlers } from "./instance-profiles";
import { loginProfileHandlers } from "./login-profiles";
import { passwordPolicyHandlers } from "./password-policy";
import { policyHandlers } from "./policies";
import { roleHandlers } from "./roles";
import { userHandlers } from "./users";
import { mfaHandlers } from "./mfa";
import { sshKeyHandlers } from "./ssh-keys";
import { certificateHandlers } from "./certificates";
import { serviceCredentialHandlers } from "./service-credentials";
import { simulateHandlers } from "./simulate";
import { credentialReportHandlers } from "./credential-report";
import { boundaryHandlers } from "./boundaries";
import { serviceLinkedRoleHandlers } from "./service-linked-roles";
import { accessAdvisorHandlers } from "./access-advisor";

/** Every IAM action the sandbox answers, by its Query API name. */
export const IAM_ACTIONS: HandlerTable = {
  ...userHandlers,
  ...groupHandlers,
  ...policyHandlers,
  ...attachHandlers,
  ...inlineHandlers,
  ...accessKeyHandlers,
  ...loginProfileHandlers,
  ...passwordPolicyHandlers,
  ...roleHandlers,
  ...instanceProfileHandlers,
  ...accountHandlers,
  ...authDetailsHandlers,
  ...mfaHandlers,
  ...sshKeyHandlers,
  ...certificateHandlers,
  ...serviceCredentialHandlers,
  ...simulateHandlers,
  ...credentialReportHandlers,
  ...boundaryHandlers,
  ...serviceLinkedRoleHandlers,
  ...accessAdvisorHandlers,
};

/** Reads never dirty the state file (key last-used aside, which is coalesced); GetSessionToken
 * records the session it hands out. */
export function isMutating(action: string): boolean {
  return action === "GetSessionToken" || !/^(Get|List|Simulate)/.test(action);
}
