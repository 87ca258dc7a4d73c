import { IamError, limit } from "./errors";
import type { HandlerTable } from "./handler";
import { paginateOrdered } from "./paginate";
import { RULES } from "./params";
import { principal, principalFromParams, type Kind, type Principal } from "./principals";
import { getPolicy, type Ctx } from "./state";

export const ATTACHED_PER_ENTITY = 10;

export function attachPolicy(ctx: Ctx, pr: Principal, policyArn: string): void {
  const policy = getPolicy(ctx, policyArn);
  if (policy.path.startsWith("/aws-service-role/"))
    throw new IamError(
      "PolicyNotAttachable",
      `Cannot attach a Service Role Policy to a Customer ${pr.kind}.`,
    );
  if (pr.attached.includes(policy.arn)) return;
  if (pr.attached.length >= ATTACHED_PER_ENTITY) throw limit(`PoliciesPer${pr.kind}`, ATTACHED_PER_ENTITY);
  pr.attached.push(policy.arn);
  pr.set(policy).add(pr.key);
}

function detachPolicy(ctx: Ctx, pr: Principal, policyArn: string): void {
  const index = pr.attached.indexOf(policyArn);
  if (index < 0) throw new IamError("NoSuchEntity", `Policy ${policyArn} was not found.`);
  pr.attached.splice(index, 1);
  const policy = ctx.state.policies.get(policyArn);
  if (policy) pr.set(policy).delete(pr.key);
}

function attachedList(ctx: Ctx, kind: Kind) {
  const pr = principalFromParams(ctx, kind);
  const prefix = ctx.p.opt("PathPrefix", RULES.pathPrefix) ?? "/";
  const list = pr.attached
    .map((a) => ctx.state.policies.get(a))
    .filter((p) => p !== undefined && p.path.startsWith(prefix))
    .map((p) => ({ PolicyName: p!.name, PolicyArn: p!.arn }));
  const page = paginateOrdered(list, ctx.p);
  return { AttachedPolicies: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
}

function handlersFor(kind: Kind): HandlerTable {
  return {
    [`Attach${kind}Policy`](ctx) {
      const pr = principalFromParams(ctx, kind);
      attachPolicy(ctx, pr, ctx.p.req("PolicyArn", RULES.arn));
      return undefined;
    },
    [`Detach${kind}Policy`](ctx) {
      const pr = principalFromParams(ctx, kind);
      detachPolicy(ctx, pr, ctx.p.req("PolicyArn", RULES.arn));
      return undefined;
    },
    [`ListAttached${kind}Policies`](ctx) {
      return attachedList(ctx, kind);
    },
  };
}

export const attachHandlers: HandlerTable = {
  ...handlersFor("User"),
  ...handlersFor("Group"),
  ...handlersFor("Role"),
  ListEntitiesForPolicy(ctx) {
    const policy = getPolicy(ctx, ctx.p.req("PolicyArn", RULES.arn));
    const filter = ctx.p.opt("EntityFilter", {
      oneOf: ["User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy"],
    });
    const prefix = ctx.p.opt("PathPrefix", RULES.pathPrefix) ?? "/";
    const s = ctx.state;
    type Row = { kind: Kind; name: string; id: string };
    const rows: Row[] = [];
    const want = (k: Kind) => filter === undefined || filter === k;
    if (want("Group"))
      for (const k of policy.attachedGroups) {
        const g = s.groups.get(k);
        if (g && g.path.startsWith(prefix)) rows.push({ kind: "Group", name: g.name, id: g.id });
      }
    if (want("User"))
      for (const k of policy.attachedUsers) {
        const u = s.users.get(k);
        if (u && u.path.startsWith(prefix)) rows.push({ kind: "User", name: u.name, id: u.id });
      }
    if (want("Role"))
      for (const k of policy.attachedRoles) {
        const r = s.roles.get(k);
        if (r && r.path.startsWith(prefix)) rows.push({ kind: "Role", name: r.name, id: r.id });
      }
    const page = paginateOrdered(rows, ctx.p);
    const of = (kind: Kind) => page.items.filter((r) => r.kind === kind);
    return {
      PolicyGroups: of("Group").map((r) => ({ GroupName: r.name, GroupId: r.id })),
      PolicyUsers: of("User").map((r) => ({ UserName: r.name, UserId: r.id })),
      PolicyRoles: of("Role").map((r) => ({ RoleName: r.name, RoleId: r.id })),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    };
  },
};

export { principal };
