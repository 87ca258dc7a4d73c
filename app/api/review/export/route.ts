import { defineRoute } from "@/lib/actions/route";
import { UserError } from "@/lib/errors";
import { acrossAccounts, matrixCsv, matrixRows, reviewData } from "@/lib/review";
import { ALL_ACCOUNTS, matrixFilterSchema } from "@/lib/review/review.schema";

// CSV of the matrix as filtered on the page, every row naming its account: one account's
// snapshot, or with ?account=all every account's latest. One row per person / IAM user, one
// column per service.
export const GET = defineRoute("GET /api/review/export", async (req) => {
  const filter = matrixFilterSchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!filter.success) throw new UserError("Check the matrix filters.", "INVALID_INPUT");
  if (filter.data.account === ALL_ACCOUNTS) {
    const view = await acrossAccounts(filter.data);
    const day = new Date().toISOString().slice(0, 10);
    return csvResponse(matrixCsv(view.rows, view.services), `access-review-all-accounts-${day}.csv`);
  }
  const data = await reviewData({ accountId: filter.data.account });
  if (!data) throw new UserError("No sync yet: sync the account first.", "NOT_FOUND");
  const csv = matrixCsv(
    matrixRows(data.snapshot, data.people, data.drift, filter.data),
    data.snapshot.access.services,
    data.snapshot.accountId,
  );
  const day = data.snapshot.syncedAt.toISOString().slice(0, 10);
  return csvResponse(csv, `access-review-${data.snapshot.accountId}-${day}.csv`);
});

const csvResponse = (csv: string, name: string) =>
  new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
    },
  });
