// IAM's credential report: generated, polled, read and parsed. Used by the People page and by
// the access review's sync; no "server-only", so the benchmarks and tests can use it too.
import {
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
  type IAMClient,
} from "@aws-sdk/client-iam";
import { parse } from "csv-parse/sync";

/** One IAM user's row of the credential report. */
export interface ReportRow {
  passwordEnabled: boolean;
  passwordLastUsed: string | null;
  mfaActive: boolean;
  /** Keys by creation time (the report's last_rotated); the report has no key ids. */
  accessKeys: { active: boolean; created: string; lastUsed: string | null }[];
  activeCertificates: number;
}

// "N/A", "no_information" and "not_supported" all mean: no date to show. The report writes UTC
// times as 2024-01-02T03:04:05+00:00; they become the API's ISO form without a Date round trip.
const UTC_SECONDS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/;
const date = (v: string | undefined) => {
  if (!v || !/^\d{4}-/.test(v)) return null;
  return UTC_SECONDS.test(v) ? `${v.slice(0, 19)}.000Z` : new Date(v).toISOString();
};

/** The credential report's rows by user name (the root account's row is left out). */
export function parseCredentialReport(csv: string): Map<string, ReportRow> {
  // Rows as arrays, read by column position from the header: a 5,000-row report parses in about
  // half the time of one object per row.
  const [header = [], ...rows] = parse(csv, { skip_empty_lines: true, bom: true }) as string[][];
  const at = new Map(header.map((name, i) => [name, i]));
  if (rows.length > 0 && !at.has("user"))
    throw new Error("The credential report has no user column; its format is not one Gatehouse knows.");
  const col = (name: string) => at.get(name) ?? -1;
  const c = {
    user: col("user"),
    passwordEnabled: col("password_enabled"),
    passwordLastUsed: col("password_last_used"),
    mfaActive: col("mfa_active"),
    keys: [1, 2].map((n) => ({
      active: col(`access_key_${n}_active`),
      rotated: col(`access_key_${n}_last_rotated`),
      used: col(`access_key_${n}_last_used_date`),
    })),
    certs: [1, 2].map((n) => col(`cert_${n}_active`)),
  };
  const out = new Map<string, ReportRow>();
  for (const r of rows) {
    const user = r[c.user];
    if (user === "<root_account>") continue;
    const keys: ReportRow["accessKeys"] = [];
    for (const k of c.keys) {
      const created = date(r[k.rotated]);
      if (created) keys.push({ active: r[k.active] === "true", created, lastUsed: date(r[k.used]) });
    }
    out.set(user, {
      passwordEnabled: r[c.passwordEnabled] === "true",
      passwordLastUsed: date(r[c.passwordLastUsed]),
      mfaActive: r[c.mfaActive] === "true",
      accessKeys: keys,
      activeCertificates: c.certs.filter((i) => r[i] === "true").length,
    });
  }
  return out;
}

/**
 * Generate (or reuse a fresh) credential report and read it; polls while IAM builds it.
 * `send` wraps each call (the review's sync counts them).
 */
export async function fetchCredentialReport(
  iam: IAMClient,
  opts: { timeoutMs?: number; send?: <T>(op: string, run: () => Promise<T>) => Promise<T> } = {},
): Promise<{ generatedAt: string | null; rows: Map<string, ReportRow> }> {
  const send = opts.send ?? ((_op, run) => run());
  const until = Date.now() + (opts.timeoutMs ?? 20_000);
  for (let delay = 50; ; delay = Math.min(delay * 2, 2000)) {
    const state = await send("GenerateCredentialReport", () =>
      iam.send(new GenerateCredentialReportCommand({})),
    );
    if (state.State === "COMPLETE") break;
    if (Date.now() > until) throw new Error("IAM did not finish the credential report in time");
    await new Promise((r) => setTimeout(r, delay));
  }
  const report = await send("GetCredentialReport", () => iam.send(new GetCredentialReportCommand({})));
  const csv = report.Content ? Buffer.from(report.Content).toString("utf8") : "";
  return { generatedAt: report.GeneratedTime?.toISOString() ?? null, rows: parseCredentialReport(csv) };
}
