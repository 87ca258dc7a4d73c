import { defineRoute } from "@/lib/actions/route";
import { NotFoundError, UserError } from "@/lib/errors";
import { accountParam } from "@/lib/review/review.schema";
import { personCsv, personDetail, reviewData } from "@/lib/review";
import { jobRoleGroups } from "@/lib/job-roles";

// CSV of one person's access: one line per grant, with the policy statement and how it reaches them.
export const GET = defineRoute<{ user: string }>(
  "GET /api/review/person/[user]/export",
  async (req, _actor, { user }) => {
    // Whose snapshot: ?account= (default: the app's own account).
    const account = accountParam.safeParse(new URL(req.url).searchParams.get("account") ?? undefined);
    if (!account.success) throw new UserError("An AWS account id is 12 digits.", "INVALID_INPUT");
    const data = await reviewData({ drift: false, accountId: account.data });
    const detail =
      data && personDetail(data.snapshot, decodeURIComponent(user), data.people, await jobRoleGroups());
    if (!detail) throw new NotFoundError("No such IAM user in the latest sync.");
    return new Response(personCsv(detail), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="access-${data.snapshot.accountId ? `${data.snapshot.accountId}-` : ""}${detail.user.name}.csv"`,
        "cache-control": "no-store",
      },
    });
  },
);
