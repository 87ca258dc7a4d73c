"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { defaultRangeExtractor, useVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { useEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type ReactNode } from "react";
import { cellLabel, decodeCell, nextPosition, type GridPosition } from "@/lib/review/shared";
import type { MatrixRow } from "@/lib/review";
import { ConditionalIcon, ScopedIcon } from "./level-badge";
import { LEVEL_STYLE, SELF_SERVICE_STYLE } from "./levels";
import { MatrixLegend } from "./matrix-legend";
import { reviewKeys } from "./query-keys";

/** A row; in the all-accounts view it names its account. */
type Row = MatrixRow & { account?: { id: string; name: string; ouPath: string | null } };

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
// Wide enough for a full service name on three lines ("AWS Identity and Access Management (IAM)").
const CELL_WIDTH = 96;
const ACCOUNT_WIDTH = 150;
const OU_WIDTH = 130;

/**
 * People × services heatmap: sticky header and name column, rows virtualised and fetched in pages.
 * `accountId`: the account shown (links to the person and service pages keep it); `across`: the
 * all-accounts view, with an account and an OU column, each row linking into its own account.
 *
 * Keyboard: an ARIA grid, one tab stop (roving tabindex). Arrows move between cells, Home/End to
 * the row's ends, Ctrl+Home/End to the first/last row, Page Up/Down by 10 rows; Enter follows
 * the cell's link (the why, or who can use the service). The active row is always rendered
 * (rangeExtractor), so the tab stop never scrolls out of the DOM.
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
  const [active, setActive] = useState<GridPosition>({ row: 0, col: 0 });
  const wantFocus = useRef(false);
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
    // Keep the active row (the grid's tab stop) in the DOM wherever the user scrolled.
    rangeExtractor: (range) => {
      const list = defaultRangeExtractor(range);
      const i = active.row - 1;
      return i >= 0 && i < range.count && !list.includes(i) ? [...list, i].sort((a, b) => a - b) : list;
    },
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= rows.length - 50) void fetchNextPage();
  }, [lastIndex, rows.length, hasNextPage, isFetchingNextPage, fetchNextPage]);
  // After a key moved the active cell: focus it once it is rendered (scrolling may render it later).
  useEffect(() => {
    if (!wantFocus.current) return;
    const cell = parent.current?.querySelector<HTMLElement>(`[data-pos="${active.row}:${active.col}"]`);
    if (!cell) return;
    wantFocus.current = false;
    (cell.querySelector<HTMLElement>("a") ?? cell).focus();
  });

  if (error)
    return (
      <p role="alert" className="text-sm text-red-700">
        {error.message}
      </p>
    );
  if (isLoading) return <p className="text-sm text-slate-500">Loading the matrix…</p>;
  const fixedColumns = across ? 3 : 1;
  const columns = fixedColumns + services.length;
  const width = NAME_WIDTH + (across ? ACCOUNT_WIDTH + OU_WIDTH : 0) + services.length * CELL_WIDTH;
  const inAccount = (r: Row) => {
    const id = r.account?.id ?? accountId;
    return id ? `?account=${id}` : "";
  };
  const personHref = (r: Row, hash = "") =>
    `/review/person/${encodeURIComponent(r.user!)}${inAccount(r)}${hash}`;
  // The header opens "who can use it" at the level the matrix is filtered to.
  const minLevel = new URLSearchParams(query).get("minLevel");
  const serviceHref = (service: string) => {
    const params = new URLSearchParams();
    if (minLevel) params.set("level", minLevel);
    if (accountId) params.set("account", accountId);
    const q = params.toString();
    return `/review/service/${encodeURIComponent(service)}${q ? `?${q}` : ""}`;
  };
  // A new filter may leave fewer rows or columns than the active cell's: the tab stop stays in the grid.
  const stop = { row: Math.min(active.row, rows.length), col: Math.min(active.col, columns - 1) };
  const isActive = (row: number, col: number) => stop.row === row && stop.col === col;
  /** The tabindex of a cell's focus target: 0 for the one active cell, -1 for all others. */
  const tab = (row: number, col: number) => (isActive(row, col) ? 0 : -1);
  /** A grid cell; without a link inside, the cell itself takes focus. */
  const cellProps = (row: number, col: number, hasLink: boolean) => ({
    "data-pos": `${row}:${col}`,
    "aria-colindex": col + 1,
    ...(hasLink ? {} : { tabIndex: tab(row, col) }),
  });

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const from = (e.target as HTMLElement).closest<HTMLElement>("[data-pos]");
    if (!from) return;
    const [row, col] = from.dataset.pos!.split(":").map(Number);
    const next = nextPosition({ row, col }, e, { rows: rows.length + 1, columns });
    if (!next) return;
    e.preventDefault();
    wantFocus.current = true;
    setActive(next);
    if (next.row > 0) virtualizer.scrollToIndex(next.row - 1, { align: "auto" });
    else if (parent.current) parent.current.scrollTop = 0;
  };
  // A click or a Tab into the grid makes that cell the active one (the tab stop follows it).
  const onFocus = (e: FocusEvent<HTMLDivElement>) => {
    const pos = (e.target as HTMLElement).closest<HTMLElement>("[data-pos]")?.dataset.pos;
    if (!pos) return;
    const [row, col] = pos.split(":").map(Number);
    if (row !== active.row || col !== active.col) setActive({ row, col });
  };

  const header = (
    col: number,
    content: ReactNode,
    extra: { width: number; className: string; title?: string; link?: boolean },
  ) => (
    <div
      key={col}
      role="columnheader"
      style={{ width: extra.width }}
      className={`shrink-0 ${extra.className}`}
      title={extra.title}
      {...cellProps(0, col, Boolean(extra.link))}
    >
      {content}
    </div>
  );

  return (
    <div>
      <p className="mb-1 text-xs text-slate-600">
        {total} {total === 1 ? "row" : "rows"} · colour = highest level · arrow keys move between cells, Enter
        opens the why
      </p>
      <MatrixLegend />
      <div
        ref={parent}
        className="max-h-[70vh] overflow-auto rounded-lg border border-slate-200 bg-white"
        role="grid"
        aria-label="Access matrix"
        aria-rowcount={total + 1}
        aria-colcount={columns}
        onKeyDown={onKeyDown}
        onFocus={onFocus}
      >
        <div
          style={{ width }}
          className="sticky top-0 z-20 flex border-b border-slate-200 bg-slate-50 text-xs font-medium text-slate-700"
          role="row"
          aria-rowindex={1}
        >
          {header(0, "Person / IAM user", {
            width: NAME_WIDTH,
            className: "sticky left-0 z-30 flex items-end bg-slate-50 px-3 py-2",
          })}
          {across && (
            <>
              {header(1, "Account", { width: ACCOUNT_WIDTH, className: "flex items-end px-2 py-2" })}
              {header(2, "OU", { width: OU_WIDTH, className: "flex items-end px-2 py-2" })}
            </>
          )}
          {services.map((s, i) => {
            const col = fixedColumns + i;
            const name = <span className="line-clamp-3 leading-tight">{s.serviceName}</span>;
            return header(
              col,
              across ? (
                // Who can use a service is asked per account: the account filter links it there.
                name
              ) : (
                <Link
                  href={serviceHref(s.service)}
                  tabIndex={tab(0, col)}
                  aria-label={`${s.serviceName}: who can use it${minLevel ? ` at ${minLevel} or above` : ""}`}
                  className="block rounded hover:underline"
                >
                  {name}
                </Link>
              ),
              {
                width: CELL_WIDTH,
                className: "flex items-end justify-center px-1 py-2 text-center",
                // The full name is the header; its IAM code (the service prefix) is the tooltip.
                title: s.service,
                link: !across,
              },
            );
          })}
        </div>
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), width, position: "relative" }}>
          {items.map((item) => {
            const r = rows[item.index];
            const row = item.index + 1;
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={row + 1}
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
                  {...cellProps(row, 0, Boolean(r.user))}
                >
                  {r.user ? (
                    <Link
                      href={personHref(r)}
                      tabIndex={tab(row, 0)}
                      className="rounded font-medium text-indigo-700 hover:underline"
                    >
                      {r.person ?? r.user}
                    </Link>
                  ) : (
                    <span className="font-medium">{r.person}</span>
                  )}
                  {r.person && r.user && r.person.toLowerCase() !== r.user.toLowerCase() && (
                    <span className="font-mono text-xs text-slate-600">{r.user}</span>
                  )}
                  {!r.user && <span className="text-xs text-slate-600">no IAM user</span>}
                  {r.drift > 0 && (
                    <span
                      title={`${r.drift} out-of-band change(s)`}
                      data-testid="drift-flag"
                      className="rounded bg-red-100 px-1 text-xs font-semibold text-red-800"
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
                      role="gridcell"
                      data-testid="matrix-account"
                      style={{ width: ACCOUNT_WIDTH }}
                      className="flex shrink-0 items-center truncate px-2 text-xs text-slate-700"
                      title={r.account ? `${r.account.name} (${r.account.id})` : undefined}
                      {...cellProps(row, 1, false)}
                    >
                      {r.account?.name}
                    </div>
                    <div
                      role="gridcell"
                      style={{ width: OU_WIDTH }}
                      className="flex shrink-0 items-center truncate px-2 font-mono text-xs text-slate-600"
                      {...cellProps(row, 2, false)}
                    >
                      {r.account?.ouPath ?? "—"}
                    </div>
                  </>
                )}
                {r.cells.map((code, i) => {
                  const col = fixedColumns + i;
                  const { level, conditional, scoped, notUnderstood, selfService } = decodeCell(code);
                  const label = cellLabel(code);
                  const linked = Boolean(r.user && (level || notUnderstood || selfService));
                  const why = `${r.person ?? r.user}: ${services[i].serviceName} ${label} — why`;
                  const cellClass = `relative flex h-full w-full items-center justify-center gap-0.5 rounded text-xs font-semibold`;
                  return (
                    <div
                      key={services[i].service}
                      role="gridcell"
                      data-service={services[i].service}
                      data-level={label}
                      title={label ? `${services[i].serviceName}: ${label}` : undefined}
                      style={{ width: CELL_WIDTH }}
                      className="flex shrink-0 items-center justify-center p-0.5"
                      {...cellProps(row, col, linked)}
                    >
                      {notUnderstood && r.user && (
                        <Link
                          href={personHref(r, "#not-understood")}
                          tabIndex={tab(row, col)}
                          className={`${cellClass} border border-dashed border-slate-500 bg-slate-100 text-slate-700`}
                        >
                          {/* The name is the sentence; the glyph is only its picture (label-in-name). */}
                          <span aria-hidden>?</span>
                          <span className="sr-only">{`${r.person ?? r.user}: ${services[i].serviceName} access not understood — why`}</span>
                        </Link>
                      )}
                      {(level || selfService) && r.user && (
                        // Every cell answers "why": the person page, at this service.
                        <Link
                          href={personHref(r, `#service-${services[i].service}`)}
                          tabIndex={tab(row, col)}
                          className={`${cellClass} ${level ? LEVEL_STYLE[level].cell : SELF_SERVICE_STYLE.cell}`}
                        >
                          {/* The name is the sentence; the glyphs are only its picture (label in name). */}
                          <span aria-hidden className="contents">
                            {level ? LEVEL_STYLE[level].short : SELF_SERVICE_STYLE.short}
                            {conditional && <ConditionalIcon />}
                            {scoped && <ScopedIcon />}
                            {level && selfService && <span className="font-normal">+self</span>}
                          </span>
                          <span className="sr-only">{why}</span>
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
