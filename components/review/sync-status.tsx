"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { RefreshCw } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/components/ui/use-server-action";
import { syncNowAction } from "@/app/(console)/review/actions";
import { reviewKeys } from "./query-keys";

type Status = {
  running: { phase: string; startedAt: string } | null;
  /** `at`: the last sync; `contentSince`: when the account last read differently (older when syncs found nothing new). */
  latest: {
    id: string;
    at: string;
    contentSince: string;
    users: number;
    drift: number;
    durationMs: number;
  } | null;
  syncMinutes: number;
};

function ago(iso: string, now: number): string {
  const minutes = Math.floor((now - new Date(iso).getTime()) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? "" : "s"} ago`;
  return `${Math.floor(minutes / 60)} hours ago`;
}

/**
 * The account's (default: the app's own) "Synced N minutes ago", a progress indicator while a
 * sync of it runs (here or elsewhere), and Sync now.
 */
export function SyncStatus({ canSync, accountId }: { canSync: boolean; accountId?: string }) {
  const router = useRouter();
  const client = useQueryClient();
  const { run, pending } = useServerAction();
  const [now, setNow] = useState(() => Date.now());
  const { data } = useQuery({
    queryKey: reviewKeys.status(accountId),
    queryFn: async (): Promise<Status> => {
      const query = accountId ? `?account=${encodeURIComponent(accountId)}` : "";
      const res = await fetch(`/api/review/status${query}`, { cache: "no-store" });
      if (!res.ok) throw new Error("status unavailable");
      setNow(Date.now());
      return res.json();
    },
    refetchInterval: (q) => (q.state.data?.running || pending ? 1000 : 30_000),
  });
  const running = pending || !!data?.running;
  const sync = (fullCredentialScan: boolean) =>
    run(
      syncNowAction,
      { fullCredentialScan, accountId },
      {
        success: (r) =>
          r.unchanged
            ? "Synced: nothing changed since the last sync"
            : r.drift
              ? `Synced: ${r.drift} out-of-band change(s) found`
              : "Synced: no out-of-band changes",
        onSettled: async () => {
          await client.invalidateQueries({ queryKey: reviewKeys.all });
          router.refresh();
        },
      },
    );
  return (
    <div className="flex items-center gap-3 text-sm text-slate-600" data-testid="sync-status">
      {running ? (
        <span role="status" className="flex items-center gap-2">
          <RefreshCw className="size-4 animate-spin" aria-hidden />
          Syncing{data?.running ? ` (${data.running.phase})` : ""}…
        </span>
      ) : data?.latest ? (
        <span
          data-testid="synced-ago"
          title={
            data.latest.contentSince !== data.latest.at
              ? `Unchanged since ${new Date(data.latest.contentSince).toLocaleString()}`
              : undefined
          }
        >
          Synced {ago(data.latest.at, now)} · {data.latest.users} users
          {data.syncMinutes ? ` · every ${data.syncMinutes} min` : " · interval off"}
        </span>
      ) : (
        <span>Never synced</span>
      )}
      {canSync && (
        <>
          <Button
            variant="secondary"
            onClick={() => sync(true)}
            disabled={running}
            title="Also list every user's SSH keys, service credentials and certificates (4 IAM calls per user)"
          >
            Full credential scan
          </Button>
          <Button onClick={() => sync(false)} disabled={running}>
            <RefreshCw className="size-4" aria-hidden /> Sync now
          </Button>
        </>
      )}
    </div>
  );
}
