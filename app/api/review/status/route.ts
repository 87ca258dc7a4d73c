import { NextResponse } from "next/server";
import { defineRoute } from "@/lib/actions/route";
import { UserError } from "@/lib/errors";
import { currentSync, latestSnapshotInfo, getSyncMinutes, reviewedAccount } from "@/lib/review";
import { accountParam } from "@/lib/review/review.schema";

// Polled by the review page: is a sync of the account (default: home) running (and in which
// phase), and when was its last one.
export const GET = defineRoute("GET /api/review/status", async (req) => {
  const param = accountParam.safeParse(new URL(req.url).searchParams.get("account") ?? undefined);
  if (!param.success) throw new UserError("An AWS account id is 12 digits.", "INVALID_INPUT");
  const account = await reviewedAccount(param.data);
  const [running, latest, syncMinutes] = await Promise.all([
    currentSync(account),
    latestSnapshotInfo(account),
    getSyncMinutes(),
  ]);
  return NextResponse.json(
    {
      running,
      latest: latest && {
        id: latest.id,
        at: latest.syncedAt.toISOString(),
        contentSince: latest.at.toISOString(),
        users: latest.counts.users,
        drift: latest.counts.drift,
        durationMs: latest.counts.durationMs,
        rereadAfter: latest.counts.reread?.requestId ?? null,
      },
      syncMinutes,
    },
    { headers: { "cache-control": "no-store" } },
  );
});
