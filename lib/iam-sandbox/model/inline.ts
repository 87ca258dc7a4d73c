import { IamError } from "./errors";
import type { HandlerTable } from "./handler";
import { byKey, paginate } from "./paginate";
import { RULES } from "./params";
import { policySize, validatePolicyDocument } from "./policy-doc";
import { KINDS, principalFromParams, type Kind, type Principal } from "./principals";
import { encodePolicy } from "../http/xml";

/** Inline quotas are totals over all of an entity's inline policies (docs/iam-facts.md#quotas). */
export function putInline(pr: Principal, name: string, document: string): void {
  validatePolicyDocument(document, "inline");
  const quota = KINDS[pr.kind].inlineQuota;
  let total = policySize(document);
  for (const [key, p] of pr.inline) if (key !== name.toLowerCase()) total += policySize(p.document);
  if (total > quota)
    throw new IamError(
      "LimitExceeded",
      `Maximum policy size of ${quota} bytes exceeded for ${KINDS[pr.kind].noun} ${pr.name}`,
    );
  pr.inline.set(name.toLowerCase(), { name, document });
}

function getInline(pr: Principal, name: string) {
  const p = pr.inline.get(name.toLowerCase());
  if (!p)
    throw new IamError(
      "NoSuchEntity",
      `The ${KINDS[pr.kind].noun} policy with name ${name} cannot be found.`,
    );
  return p;
}

function handlersFor(kind: Kind): HandlerTable {
  const nameParam = `${kind}Name`;
  return {
    [`Put${kind}Policy`](ctx) {
      const pr = principalFromParams(ctx, kind);
      const name = ctx.p.req("PolicyName", RULES.policyName);
      putInline(pr, name, ctx.p.req("PolicyDocument", RULES.document));
      return undefined;
    },
    [`Get${kind}Policy`](ctx) {
      const pr = principalFromParams(ctx, kind);
      const policy = getInline(pr, ctx.p.req("PolicyName", RULES.policyName));
      return { [nameParam]: pr.name, PolicyName: policy.name, PolicyDocument: encodePolicy(policy.document) };
    },
    [`Delete${kind}Policy`](ctx) {
      const pr = principalFromParams(ctx, kind);
      const policy = getInline(pr, ctx.p.req("PolicyName", RULES.policyName));
      pr.inline.delete(policy.name.toLowerCase());
      return undefined;
    },
    [`List${kind}Policies`](ctx) {
      const pr = principalFromParams(ctx, kind);
      const names = byKey(
        [...pr.inline.values()].map((p) => p.name),
        (n) => n,
      );
      const page = paginate(names, (n) => n, ctx.p);
      return { PolicyNames: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
    },
  };
}

export const inlineHandlers: HandlerTable = {
  ...handlersFor("User"),
  ...handlersFor("Group"),
  ...handlersFor("Role"),
};
