"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { RefreshCw } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { asOfTime as asOf } from "@/lib/review/shared";
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
    /** The snapshot was updated by the re-read after this request (its `contentSince` is when). */
    rereadAfter: string | null;
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
  const { data, isError } = useQuery({
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
          // The drift panel's count (open drift), from the same query; how much of it is new.
          (r.unchanged ? "Synced: nothing changed since the last sync" : "Synced") +
          (r.openDrift
            ? ` · ${r.openDrift} out-of-band change${r.openDrift === 1 ? "" : "s"} to review${r.drift ? ` (${r.drift} new)` : ""}`
            : " · no out-of-band drift to review"),
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
      ) : data === undefined ? (
        // Still loading (or failed to load): never "Never synced" before the status says so.
        isError ? (
          <span role="status">Sync status unavailable</span>
        ) : (
          <Skeleton label="Loading the sync status…" />
        )
      ) : data.latest ? (
        <span
          data-testid="synced-ago"
          title={
            !data.latest.rereadAfter && data.latest.contentSince !== data.latest.at
              ? `Unchanged since ${asOf(data.latest.contentSince)}`
              : `As of ${asOf(data.latest.at)}`
          }
        >
          Synced {ago(data.latest.at, now)} · {data.latest.users} users
          {data.syncMinutes ? ` · every ${data.syncMinutes} min` : " · interval off"}
          {data.latest.rereadAfter && (
            <span data-testid="reread-after">
              {" "}
              · updated {asOf(data.latest.contentSince)} after{" "}
              <Link href={`/requests/${data.latest.rereadAfter}`} className="underline">
                a request
              </Link>
            </span>
          )}
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
