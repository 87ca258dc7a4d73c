import { evaluate, type Decision, type EvaluationRequest } from "@/lib/policy";
import { IamError } from "../model/errors";
import { rolePolicies, userPolicies, type PrincipalPolicies } from "../model/principal-policies";
import { sessionLimit, sessionPolicies } from "../model/sessions";
import type { Ctx } from "../model/state";
import { principalOf, requestContext } from "./context";
import { passedRole, resourceFor, type AuthorizedResource } from "./resources";

// Authorization with the sandbox's `auth: "on"`, as IAM decides for a principal in its own
// account (docs/iam-facts.md#authorization): an explicit Deny in an identity policy, the
// permissions boundary or a session policy wins; otherwise an identity policy must allow, and so
// must the boundary and the session policies when there are any. Resource-based policies play no
// part in IAM's own actions.

function policiesOf(ctx: Ctx): PrincipalPolicies | undefined {
  const c = ctx.caller;
  const s = ctx.state;
  if (c.kind === "user") {
    const u = s.users.get(c.user);
    return u && userPolicies(s, u);
  }
  if (c.kind === "role") {
    const r = s.roles.get(c.role);
    return r && rolePolicies(s, r);
  }
  return undefined;
}

function denied(who: string, action: string, resource: string, why: string): IamError {
  return new IamError(
    "AccessDenied",
    `User: ${who} is not authorized to perform: ${action} on resource: ${resource} ${why}`,
    403,
  );
}

/**
 * May ctx.caller perform `service:action`? Returns the 403 error to answer, or undefined to go
 * on. Runs before the handler, so a refused request changes nothing. What temporary credentials
 * of a kind may not call is refused first, even for the root; then the root may do everything,
 * and STS actions are checked by their handlers (GetCallerIdentity needs no permission,
 * AssumeRole evaluates the trust policy).
 */
export function authorize(
  ctx: Ctx,
  service: string,
  action: string,
  /** the resource, for services other than IAM (which names its own); default "*" */
  resource: AuthorizedResource = { arn: "*" },
): IamError | undefined {
  const limited = sessionLimit(ctx.caller, service, action);
  if (limited) return limited;
  if (ctx.caller.kind === "root" || service === "sts") return undefined;
  const refused = authorizeOn(
    ctx,
    `${service}:${action}`,
    service === "iam" ? resourceFor(ctx, action) : resource,
  );
  const passed = service === "iam" ? passedRole(ctx, action) : undefined;
  return refused ?? (passed && authorizeOn(ctx, "iam:PassRole", passed));
}

/**
 * Do the caller's session policies, if it has any, allow this? What a trust policy grants a
 * role by name is still bounded by the session policies of that role's sessions.
 */
export function withinSessionPolicies(ctx: Ctx, full: string, resource: AuthorizedResource): boolean {
  const policies = sessionPolicies(ctx.state, ctx.caller.session);
  const principal = policies && principalOf(ctx);
  if (!policies || !principal) return true;
  const context = requestContext(ctx, principal, resource);
  return evaluate({ action: full, resource: resource.arn, context }, policies).decision === "allowed";
}

/** The identity side of the decision for one action on one resource (also AssumeRole's, when
 * the trust policy names only the account). */
export function authorizeOn(ctx: Ctx, full: string, resource: AuthorizedResource): IamError | undefined {
  if (ctx.caller.kind === "root") return undefined;
  const principal = principalOf(ctx);
  const policies = policiesOf(ctx);
  if (!principal || !policies) return denied("unknown", full, resource.arn, "");
  const request: EvaluationRequest = {
    action: full,
    resource: resource.arn,
    context: requestContext(ctx, principal, resource),
  };
  const identity = evaluate(request, policies.identity).decision;
  const boundary = policies.boundary && evaluate(request, [policies.boundary]).decision;
  const sessionPolicy = sessionPolicies(ctx.state, ctx.caller.session);
  const session = sessionPolicy && evaluate(request, sessionPolicy).decision;
  const why = refusal(identity, boundary, session, full);
  return why === undefined ? undefined : denied(principal.arn, full, resource.arn, why);
}

/** Why AccessDenied, or undefined when allowed. (Not a closure in authorizeOn: under tsx's
 * keepNames each named closure costs a defineProperty per call.) */
function refusal(
  identity: Decision,
  boundary: Decision | undefined,
  session: Decision | undefined,
  full: string,
): string | undefined {
  if (identity === "explicitDeny") return "with an explicit deny in an identity-based policy";
  if (boundary === "explicitDeny") return "with an explicit deny in a permissions boundary";
  if (session === "explicitDeny") return "with an explicit deny in a session policy";
  if (identity !== "allowed") return `because no identity-based policy allows the ${full} action`;
  if (boundary && boundary !== "allowed") return `because no permissions boundary allows the ${full} action`;
  if (session && session !== "allowed") return `because no session policy allows the ${full} action`;
  return undefined;
}
