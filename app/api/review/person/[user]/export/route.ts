import { defineRoute } from "@/lib/actions/route";
import { NotFoundError } from "@/lib/errors";
import { personCsv, personDetail, reviewData } from "@/lib/review";
import { jobRoleGroups } from "@/lib/job-roles";

// CSV of one person's access: one line per grant, with the policy statement and how it reaches them.
export const GET = defineRoute<{ user: string }>(
  "GET /api/review/person/[user]/export",
  async (_req, _actor, { user }) => {
    const data = await reviewData({ drift: false });
    const detail =
      data && personDetail(data.snapshot, decodeURIComponent(user), data.people, await jobRoleGroups());
    if (!detail) throw new NotFoundError("No such IAM user in the latest sync.");
    return new Response(personCsv(detail), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="access-${detail.user.name}.csv"`,
        "cache-control": "no-store",
      },
    });
  },
);
