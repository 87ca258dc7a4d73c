import { GetUserCommand, paginateGetGroup } from "@aws-sdk/client-iam";
import { z } from "zod";
import { allPages, IamError, readUserHoldings, remainingCredentials, toIamError } from "@/lib/iam";
import { defineOp, goneIsSkipped } from "./types";

// Read-only steps that prove an offboarding took effect. They are recorded like writes (status,
// IAM request id, result) so the request carries its own evidence. A failed verification is a
// "conflict": something still hangs on the user, which a kind may answer with a re-plan.

const user = z.object({ userName: z.string().min(1).max(128) });

export const verifyOps = {
  // Before a job role's group is emptied of its policies and deleted (jobrole.accounts): someone
  // added since planning would otherwise lose access unseen. Failing stops the account's steps.
  VerifyGroupEmpty: defineOp({
    iam: [],
    resource: "group",
    params: z.object({ groupName: z.string().min(1).max(128) }),
    title: (p) => `Verify: group ${p.groupName} has no members`,
    target: (p) => `group/${p.groupName}`,
    async run(p, ctx) {
      const members = await allPages(
        paginateGetGroup({ client: ctx.iam }, { GroupName: p.groupName }),
        (page) => (page.Users ?? []).flatMap((u) => (u.UserName ? [u.UserName] : [])),
        (out) => ctx.record(out),
      );
      if (members.length > 0)
        throw new IamError(
          "conflict",
          "VerificationFailed",
          `Group ${p.groupName} has members again (${members.join(", ")}); offboard them or move them to another group first.`,
          null,
          1,
        );
      return { status: "done", result: { verified: true, members: [] } };
    },
    // The group gone already: nothing left to protect (the detaches and the delete skip too).
    onError: goneIsSkipped,
  }),
  VerifyUserGone: defineOp({
    iam: [],
    resource: "user",
    params: user,
    title: (p) => `Verify: IAM has no user ${p.userName} (GetUser → NoSuchEntity)`,
    target: (p) => `user/${p.userName}`,
    async run(p, ctx) {
      try {
        ctx.record(await ctx.iam.send(new GetUserCommand({ UserName: p.userName })));
      } catch (e) {
        const err = toIamError(e);
        if (err.kind !== "not-found") throw e;
        ctx.record({ $metadata: { requestId: err.requestId ?? undefined, attempts: err.sdkAttempts } });
        return {
          status: "done",
          result: { verified: true, getUser: "NoSuchEntity", iamRequestId: err.requestId },
        };
      }
      throw new IamError(
        "conflict",
        "VerificationFailed",
        `${p.userName} still exists in IAM after DeleteUser.`,
        null,
        1,
      );
    },
  }),
  VerifyUserDisabled: defineOp({
    iam: [],
    resource: "user",
    params: user.extend({ denyPolicyName: z.string().min(1).max(128) }),
    title: (p) => `Verify: ${p.userName} keeps only ${p.denyPolicyName} and no credentials`,
    target: (p) => `user/${p.userName}`,
    async run(p, ctx) {
      const holdings = await readUserHoldings(ctx.iam, p.userName, (out) => ctx.record(out));
      if (!holdings)
        throw new IamError(
          "not-found",
          "NoSuchEntity",
          `The user with name ${p.userName} cannot be found.`,
          null,
          1,
        );
      const left = remainingCredentials(holdings, p.denyPolicyName);
      const denyInPlace = holdings.inlinePolicies.includes(p.denyPolicyName);
      if (left.length > 0 || !denyInPlace) {
        const what = [...left, ...(denyInPlace ? [] : [`no ${p.denyPolicyName}`])].join(", ");
        throw new IamError(
          "conflict",
          "VerificationFailed",
          `${p.userName} is not fully disabled: ${what}.`,
          null,
          1,
        );
      }
      return {
        status: "done",
        result: { verified: true, remaining: [], inlinePolicies: holdings.inlinePolicies },
      };
    },
  }),
};
