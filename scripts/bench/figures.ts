// How each benchmark's last JSON line becomes rows of the one table `npm run bench` prints:
// the figure, its value, the baseline measured in the same run (if the bench has one), their
// ratio, the target and whether it is met. A bench this file does not know is listed as-is.

export type Row = {
  bench: string;
  figure: string;
  value: number;
  unit: string;
  baseline?: number;
  target?: string;
  pass?: boolean;
};
type Json = Record<string, unknown>;
/** A row before its bench is added: each bench's rows below name only what differs. */
type Figure = Omit<Row, "bench">;
const num = (v: unknown) => (typeof v === "number" ? v : NaN);
/** `figure` with the target `op limit` and whether its value meets it. */
const meets = (figure: Omit<Figure, "target" | "pass">, op: "<=" | ">=", limit: number): Figure => ({
  ...figure,
  target: `${op} ${limit}`,
  pass: op === "<=" ? figure.value <= limit : figure.value >= limit,
});

/** Each known bench's figures from one JSON object (`review` prints one per size). */
const known: Record<string, (o: Json) => Figure[]> = {
  sandbox: (o) => [
    meets(
      {
        figure: "IAM sandbox requests/s (mixed load, signed and authorized)",
        value: num(o.requests_per_s),
        baseline: num(o.requests_per_s_auth_off),
        unit: "req/s",
      },
      ">=",
      2000,
    ),
    meets(
      {
        figure: "auth-details walk, 5,000 users",
        value: num(o.auth_details_walk_ms),
        baseline: num(o.auth_details_walk_ms_auth_off),
        unit: "ms",
      },
      "<=",
      1000,
    ),
  ],
  policy: (o) => [
    {
      figure: `effective access, ${o.users} users (cached)`,
      value: num(o.cachedMs),
      unit: "ms",
      baseline: num(o.naiveExtrapolatedMs),
    },
  ],
  // Issue 12 (#8): a worst-case document within IAM's quota, linted in the worker, while the
  // server answers other requests; the baseline is the same lint on the event loop.
  lint: (o) => [
    meets(
      {
        figure: "worst-case 6 kB policy lint",
        value: num(o.worst_lint_ms),
        unit: "ms",
        baseline: num(o.baseline_lint_ms),
      },
      "<=",
      200,
    ),
    meets(
      {
        figure: "other requests while a lint runs (max)",
        value: num(o.request_max_ms),
        unit: "ms",
        baseline: num(o.baseline_request_max_ms),
      },
      "<=",
      100,
    ),
    { figure: "150 kB document refused by size", value: num(o.huge_refused_ms), unit: "ms" },
  ],
  // The access review's targets (issue 6) are set at 5,000 users / 300 groups / 1,500 policies.
  review: (o) => {
    const targeted = o.users === 5000;
    const sync = num(o.sync_compute_ms);
    const speedup = num(o.naive_ms) / sync;
    return [
      {
        figure: `sync + compute, ${o.users} users`,
        value: sync,
        unit: "ms",
        baseline: num(o.naive_ms),
        ...(targeted ? { target: "<= 5000, ratio >= 20x", pass: sync <= 5000 && speedup >= 20 } : {}),
      },
      {
        figure: `IAM calls per sync, ${o.users} users`,
        value: num(o.iam_calls_total),
        unit: "calls",
        baseline: num(o.naive_iam_calls),
      },
      {
        figure: `IAM list calls, ${o.users} users`,
        value: num(o.iam_list_calls),
        unit: "calls",
        target: `<= ${o.list_call_budget}`,
        pass: num(o.iam_list_calls) <= num(o.list_call_budget),
      },
      {
        figure: `review page first byte, ${o.users} users`,
        value: num(o.page_ttfb_ms),
        unit: "ms",
        ...(targeted ? { target: "<= 300", pass: num(o.page_ttfb_ms) <= 300 } : {}),
      },
    ];
  },
  offboard: (o) => [
    meets(
      { figure: "offboard a fully loaded user, click to verified", value: num(o.offboard_ms), unit: "ms" },
      "<=",
      1000,
    ),
    { figure: "offboarding IAM calls", value: num(o.iam_calls), unit: "calls" },
  ],
  // Issue 15: every account of an organization synced by syncAccounts() (bounded parallelism),
  // against the same accounts one after another in the same run.
  accounts: (o) => [
    meets(
      {
        figure: `sync ${o.accounts} accounts, ${num(o.users).toLocaleString("en-US")} users`,
        value: num(o.sync_ms),
        unit: "ms",
        baseline: num(o.serial_ms),
      },
      "<=",
      10000,
    ),
    { figure: "IAM calls per account (full read)", value: num(o.calls_per_account), unit: "calls" },
    ...(o.offboard_ms === undefined
      ? []
      : [
          meets(
            {
              figure: `offboard a person in ${o.offboard_accounts} accounts, click to verified`,
              value: num(o.offboard_ms),
              unit: "ms",
            },
            "<=",
            3000,
          ),
        ]),
  ],
  pages: (o) => [
    meets(
      { figure: "first-load JS, review page (gzip)", value: num(o.review_first_load_kb), unit: "kB" },
      "<=",
      200,
    ),
    { figure: "first-load JS, largest page (gzip)", value: num(o.largest_first_load_kb), unit: "kB" },
  ],
  load: (o) => {
    /** A count that must equal `expected`; `pass` is given where more than the count decides it. */
    const exactly = (figure: string, value: number, expected: unknown, pass = value === expected) => ({
      figure,
      value,
      unit: "",
      target: `= ${expected}`,
      pass,
    });
    const polling = `${o.sessions} sessions, review + polling`;
    return [
      { figure: `${polling}: p50`, value: num(o.p50_ms), unit: "ms" },
      meets({ figure: `${polling}: p99`, value: num(o.p99_ms), unit: "ms" }, "<=", 1000),
      exactly(`${polling}: errors`, num(o.errors), 0),
      { figure: "unpaced throughput", value: num(o.unpaced_rps), unit: "req/s" },
      exactly(
        `2 executors: requests completed of ${o.queued}`,
        num(o.exactly_once_succeeded),
        o.queued,
        o.exactly_once_succeeded === o.queued,
      ),
      exactly(
        "2 executors: duplicate or missing steps",
        num(o.exactly_once_duplicates),
        0,
        o.exactly_once_duplicates === 0 && o.step_done_events === o.steps_done,
      ),
      exactly("2 executors: audit chain verifies", o.chain_ok ? 1 : 0, 1, o.chain_ok === true),
    ];
  },
};

/** Unknown benches (e.g. one added later): every top-level number, no target. */
function generic(bench: string, j: Json | Json[]): Row[] {
  const objs = Array.isArray(j) ? j : [j];
  return objs.flatMap((o, i) =>
    Object.entries(o)
      .filter(([, v]) => typeof v === "number")
      .map(([k, v]) => ({
        bench,
        figure: objs.length > 1 ? `${k} [${i}]` : k,
        value: v as number,
        unit: "",
      })),
  );
}

export function rowsFor(bench: string, json: Json | Json[]): Row[] {
  const figures = known[bench];
  if (!figures) return generic(bench, json);
  return (Array.isArray(json) ? json : [json]).flatMap((o) => figures(o).map((f) => ({ bench, ...f })));
}

export function formatTable(rows: Row[]): string {
  const cells = rows.map((r) => {
    const ratio = r.baseline && r.value ? `${(r.baseline / r.value).toFixed(1)}x` : "";
    return [
      r.bench,
      r.figure,
      `${r.value}${r.unit ? ` ${r.unit}` : ""}`,
      r.baseline !== undefined && !Number.isNaN(r.baseline) ? `${r.baseline} ${r.unit}` : "",
      ratio,
      r.target ?? "",
      r.pass === undefined ? "" : r.pass ? "pass" : "FAIL",
    ];
  });
  const head = ["bench", "figure", "value", "baseline", "ratio", "target", "pass/fail"];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i])).join(" | ")} |`;
  return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...cells.map(line)].join("\n");
}
