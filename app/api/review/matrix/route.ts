import { NextResponse } from "next/server";
import { defineRoute } from "@/lib/actions/route";
import { UserError } from "@/lib/errors";
import { acrossAccounts, matrixRows, reviewData } from "@/lib/review";
import { ALL_ACCOUNTS, matrixFilterSchema, pageSchema } from "@/lib/review/review.schema";

// Matrix rows for the virtualised table, one page at a time (cells are compact level codes): one
// account's snapshot, or with ?account=all every account's latest (rows name their account).
export const GET = defineRoute("GET /api/review/matrix", async (req) => {
  const params = Object.fromEntries(new URL(req.url).searchParams);
  const filter = matrixFilterSchema.safeParse(params);
  const page = pageSchema.safeParse(params);
  if (!filter.success || !page.success) throw new UserError("Check the matrix filters.", "INVALID_INPUT");
  const { offset, limit } = page.data;
  const headers = { "cache-control": "no-store" };
  if (filter.data.account === ALL_ACCOUNTS) {
    const view = await acrossAccounts(filter.data);
    return NextResponse.json(
      {
        snapshot: null,
        accounts: view.accounts,
        services: view.services,
        total: view.rows.length,
        offset,
        rows: view.rows.slice(offset, offset + limit),
      },
      { headers },
    );
  }
  const data = await reviewData({ accountId: filter.data.account });
  if (!data) return NextResponse.json({ snapshot: null, services: [], total: 0, offset: 0, rows: [] });
  const rows = matrixRows(data.snapshot, data.people, data.drift, filter.data);
  return NextResponse.json(
    {
      snapshot: {
        id: data.snapshot.id,
        accountId: data.snapshot.accountId,
        at: data.snapshot.at.toISOString(),
      },
      services: data.snapshot.access.services,
      total: rows.length,
      offset,
      rows: rows.slice(offset, offset + limit),
    },
    { headers },
  );
});
