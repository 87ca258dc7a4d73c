"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { useEffect, useRef } from "react";
import { cellLabel, decodeCell } from "@/lib/review/shared";
import type { MatrixRow } from "@/lib/review";

/** A row; in the all-accounts view it names its account. */
type Row = MatrixRow & { account?: { id: string; name: string; ouPath: string | null } };
import { LEVEL_STYLE } from "./levels";
import { reviewKeys } from "./query-keys";

type Page = {
  snapshot: { id: string; at: string } | null;
  services: { service: string; serviceName: string }[];
  total: number;
  offset: number;
  rows: Row[];
};

const PAGE = 500;
const ROW_HEIGHT = 36;
const NAME_WIDTH = 220;
const CELL_WIDTH = 76;
const ACCOUNT_WIDTH = 150;
const OU_WIDTH = 130;

/**
 * People × services heatmap: sticky header and name column, rows virtualised and fetched in pages.
 * `accountId`: the account shown (links to the person and service pages keep it); `across`: the
 * all-accounts view, with an account and an OU column, each row linking into its own account.
 */
export function MatrixTable({
  query,
  accountId,
  across = false,
}: {
  query: string;
  accountId?: string;
  across?: boolean;
}) {
  const parent = useRef<HTMLDivElement>(null);
  const { data, fetchNextPage, hasNextPage, isFetchingNextPage, isLoading, error } = useInfiniteQuery({
    queryKey: reviewKeys.matrix(query),
    initialPageParam: 0,
    queryFn: async ({ pageParam }): Promise<Page> => {
      const res = await fetch(
        `/api/review/matrix?${query}${query ? "&" : ""}offset=${pageParam}&limit=${PAGE}`,
        { cache: "no-store" },
      );
      if (!res.ok) throw new Error("The matrix could not be loaded.");
      return res.json();
    },
    getNextPageParam: (last) =>
      last.offset + last.rows.length < last.total ? last.offset + last.rows.length : undefined,
  });
  const rows = data?.pages.flatMap((p) => p.rows) ?? [];
  const services = data?.pages[0]?.services ?? [];
  const total = data?.pages[0]?.total ?? 0;
  // The virtualizer's functions must not be memoised by the React Compiler; it skips this component, as intended.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= rows.length - 50) void fetchNextPage();
  }, [lastIndex, rows.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  if (error)
    return (
      <p role="alert" className="text-sm text-red-700">
        {error.message}
      </p>
    );
  if (isLoading) return <p className="text-sm text-slate-500">Loading the matrix…</p>;
  const width = NAME_WIDTH + (across ? ACCOUNT_WIDTH + OU_WIDTH : 0) + services.length * CELL_WIDTH;
  const inAccount = (r: Row) => {
    const id = r.account?.id ?? accountId;
    return id ? `?account=${id}` : "";
  };
  const personHref = (r: Row, hash = "") =>
    `/review/person/${encodeURIComponent(r.user!)}${inAccount(r)}${hash}`;
  return (
    <div>
      <p className="mb-2 text-xs text-slate-500">
        {total} {total === 1 ? "row" : "rows"} · colour = highest level · ◌ conditional · ⌖ specific resources
        only · ? access not understood (a policy Gatehouse cannot evaluate)
      </p>
      <div
        ref={parent}
        className="max-h-[70vh] overflow-auto rounded-lg border border-slate-200 bg-white"
        role="table"
        aria-label="Access matrix"
        aria-rowcount={total + 1}
      >
        <div
          style={{ width }}
          className="sticky top-0 z-20 flex border-b border-slate-200 bg-slate-50 text-xs font-medium text-slate-600"
          role="row"
        >
          <div
            style={{ width: NAME_WIDTH }}
            className="sticky left-0 z-30 shrink-0 bg-slate-50 px-3 py-2"
            role="columnheader"
          >
            Person / IAM user
          </div>
          {across && (
            <>
              <div style={{ width: ACCOUNT_WIDTH }} className="shrink-0 px-2 py-2" role="columnheader">
                Account
              </div>
              <div style={{ width: OU_WIDTH }} className="shrink-0 px-2 py-2" role="columnheader">
                OU
              </div>
            </>
          )}
          {services.map((s) => (
            <div
              key={s.service}
              style={{ width: CELL_WIDTH }}
              className="shrink-0 truncate px-1 py-2 text-center"
              role="columnheader"
              title={s.serviceName}
            >
              {across ? (
                // Who can use a service is asked per account: the account filter links it there.
                s.service
              ) : (
                <Link
                  href={`/review/service/${encodeURIComponent(s.service)}${accountId ? `?account=${accountId}` : ""}`}
                  className="hover:underline"
                >
                  {s.service}
                </Link>
              )}
            </div>
          ))}
        </div>
        <div style={{ height: virtualizer.getTotalSize(), width, position: "relative" }}>
          {items.map((item) => {
            const r = rows[item.index];
            return (
              <div
                key={item.key}
                role="row"
                data-testid="matrix-row"
                data-user={r.user ?? ""}
                data-person={r.person ?? ""}
                data-account={r.account?.id}
                style={{
                  position: "absolute",
                  top: 0,
                  transform: `translateY(${item.start}px)`,
                  height: ROW_HEIGHT,
                  width,
                }}
                className="flex border-b border-slate-100 text-sm"
              >
                <div
                  role="rowheader"
                  style={{ width: NAME_WIDTH }}
                  className="sticky left-0 z-10 flex shrink-0 items-center gap-2 truncate bg-white px-3"
                >
                  {r.user ? (
                    <Link href={personHref(r)} className="font-medium text-indigo-700 hover:underline">
                      {r.person ?? r.user}
                    </Link>
                  ) : (
                    <span className="font-medium">{r.person}</span>
                  )}
                  {r.person && r.user && r.person.toLowerCase() !== r.user.toLowerCase() && (
                    <span className="font-mono text-xs text-slate-400">{r.user}</span>
                  )}
                  {!r.user && <span className="text-xs text-slate-400">no IAM user</span>}
                  {r.drift > 0 && (
                    <span
                      title={`${r.drift} out-of-band change(s)`}
                      data-testid="drift-flag"
                      className="rounded bg-red-100 px-1 text-xs font-semibold text-red-700"
                    >
                      drift
                    </span>
                  )}
                  {r.notUnderstood && (
                    <span
                      title="A policy of this user could not be evaluated: they may have more access than shown"
                      data-testid="not-understood-flag"
                      className="rounded bg-slate-800 px-1 text-xs font-semibold text-white"
                    >
                      access not understood
                    </span>
                  )}
                </div>
                {across && (
                  <>
                    <div
                      role="cell"
                      data-testid="matrix-account"
                      style={{ width: ACCOUNT_WIDTH }}
                      className="flex shrink-0 items-center truncate px-2 text-xs text-slate-700"
                      title={r.account ? `${r.account.name} (${r.account.id})` : undefined}
                    >
                      {r.account?.name}
                    </div>
                    <div
                      role="cell"
                      style={{ width: OU_WIDTH }}
                      className="flex shrink-0 items-center truncate px-2 font-mono text-xs text-slate-500"
                    >
                      {r.account?.ouPath ?? "—"}
                    </div>
                  </>
                )}
                {r.cells.map((code, i) => {
                  const { level, conditional, scoped, notUnderstood } = decodeCell(code);
                  return (
                    <div
                      key={services[i].service}
                      role="cell"
                      data-service={services[i].service}
                      data-level={cellLabel(code)}
                      title={
                        level || notUnderstood ? `${services[i].serviceName}: ${cellLabel(code)}` : undefined
                      }
                      style={{ width: CELL_WIDTH }}
                      className="flex shrink-0 items-center justify-center p-0.5"
                    >
                      {notUnderstood && r.user && (
                        <Link
                          href={personHref(r, "#not-understood")}
                          aria-label={`${r.person ?? r.user}: ${services[i].serviceName} access not understood — why`}
                          className="flex h-full w-full items-center justify-center rounded border border-dashed border-slate-500 bg-slate-100 text-xs font-semibold text-slate-700"
                        >
                          ?
                        </Link>
                      )}
                      {level && r.user && (
                        // Every cell answers "why": the person page, at this service.
                        <Link
                          href={personHref(r, `#service-${services[i].service}`)}
                          aria-label={`${r.person ?? r.user}: ${services[i].serviceName} ${cellLabel(code)} — why`}
                          className={`flex h-full w-full items-center justify-center rounded text-xs font-semibold ${LEVEL_STYLE[level].cell}`}
                        >
                          {LEVEL_STYLE[level].short}
                          {conditional ? "◌" : ""}
                          {scoped ? "⌖" : ""}
                        </Link>
                      )}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
