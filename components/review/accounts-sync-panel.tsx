"use client";

import { useQueries, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { RefreshCw } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/components/ui/use-server-action";
import { syncAllAccountsAction } from "@/app/(console)/review/actions";
import { reviewKeys } from "./query-keys";

/** An account as the all-accounts view lists it (dates as ISO text, for the client). */
export type PanelAccount = {
  id: string;
  name: string;
  ouPath: string | null;
  syncedAt: string | null;
  lastError: string | null;
};

type Outcome = { accountId: string; outcome: string; error: string | null };

const OUTCOME_WORDS: Record<string, string> = {
  synced: "synced: a new snapshot",
  unchanged: "synced: unchanged since the last sync",
  fresh: "synced moments ago, left as it is",
  busy: "already being synced elsewhere; its result will show when it finishes",
  failed: "failed",
};

function ago(iso: string, now: number): string {
  const minutes = Math.floor((now - new Date(iso).getTime()) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? "" : "s"} ago`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} hours ago`;
  return `${Math.floor(minutes / 1440)} days ago`;
}

/**
 * Every account's "synced N ago" (or never synced, or why its last sync failed: never hidden),
 * and for admins "Sync all accounts": while it runs each account's progress (polled from the
 * status route), then each account's outcome in words.
 */
export function AccountsSyncPanel({
  accounts,
  canSyncAll,
  renderedAt,
}: {
  accounts: PanelAccount[];
  canSyncAll: boolean;
  /** When the server read the ages (so server and client render the same text). */
  renderedAt: number;
}) {
  const router = useRouter();
  const client = useQueryClient();
  const { run, pending } = useServerAction();
  const [outcomes, setOutcomes] = useState<Map<string, Outcome> | null>(null);
  // Progress: while the sync runs, each account's status every second.
  const progress = useQueries({
    queries: accounts.map((a) => ({
      queryKey: reviewKeys.status(a.id),
      queryFn: async (): Promise<{ running: { phase: string } | null }> => {
        const res = await fetch(`/api/review/status?account=${a.id}`, { cache: "no-store" });
        if (!res.ok) throw new Error("status unavailable");
        return res.json();
      },
      enabled: pending,
      refetchInterval: pending ? 1000 : (false as const),
    })),
  });
  const syncAll = () =>
    run(
      syncAllAccountsAction,
      {},
      {
        success: (r) => {
          const failed = r.filter((o) => o.outcome === "failed").length;
          return failed
            ? `Synced ${r.length - failed} of ${r.length} accounts; ${failed} failed`
            : `Synced all ${r.length} accounts`;
        },
        onSuccess: (r) => setOutcomes(new Map(r.map((o) => [o.accountId, o]))),
        onSettled: async () => {
          await client.invalidateQueries({ queryKey: reviewKeys.all });
          router.refresh();
        },
      },
    );
  return (
    <section aria-labelledby="accounts-sync" className="mb-4 rounded-lg border border-slate-200 bg-white p-3">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <h2 id="accounts-sync" className="text-sm font-semibold text-slate-800">
          Accounts in this view
        </h2>
        {canSyncAll && (
          <Button onClick={syncAll} disabled={pending}>
            <RefreshCw className={`size-4 ${pending ? "animate-spin" : ""}`} aria-hidden /> Sync all accounts
          </Button>
        )}
      </div>
      {pending && (
        <p role="status" className="mb-2 text-sm text-slate-600">
          Syncing {accounts.length} accounts…
        </p>
      )}
      <ul className="space-y-1 text-sm" data-testid="accounts-sync-status">
        {accounts.map((a, i) => {
          const running = progress[i]?.data?.running;
          const done = outcomes?.get(a.id);
          return (
            <li key={a.id} data-account={a.id} className="flex flex-wrap gap-x-2">
              <span className="font-medium text-slate-800">{a.name}</span>
              <span className="font-mono text-xs leading-5 text-slate-500">
                {a.id}
                {a.ouPath ? ` · ${a.ouPath}` : ""}
              </span>
              <span data-testid="account-synced" className="text-slate-600">
                {a.syncedAt ? `synced ${ago(a.syncedAt, renderedAt)}` : "never synced"}
              </span>
              {a.lastError && (
                <span className="text-red-800" data-testid="account-sync-failed">
                  · last sync failed: {a.lastError}
                  {a.syncedAt ? " (its last good snapshot is shown)" : ""}
                </span>
              )}
              {pending && (
                <span className="text-slate-500">
                  · {running ? `syncing (${running.phase})…` : "waiting or done…"}
                </span>
              )}
              {!pending && done && (
                <span
                  data-testid="account-sync-outcome"
                  className={done.outcome === "failed" ? "text-red-800" : "text-green-800"}
                >
                  · {OUTCOME_WORDS[done.outcome] ?? done.outcome}
                  {done.error ? `: ${done.error}` : ""}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
