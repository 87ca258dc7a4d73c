import { NextResponse } from "next/server";
import { defineRoute } from "@/lib/actions/route";
import { currentSync, latestSnapshotInfo, getSyncMinutes } from "@/lib/review";

// Polled by the review page: is a sync running (and in which phase), and when was the last one.
export const GET = defineRoute("GET /api/review/status", async () => {
  const [running, latest, syncMinutes] = await Promise.all([
    currentSync(),
    latestSnapshotInfo(),
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
      },
      syncMinutes,
    },
    { headers: { "cache-control": "no-store" } },
  );
});
