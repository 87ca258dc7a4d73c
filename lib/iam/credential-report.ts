import "server-only";
import { GenerateCredentialReportCommand, GetCredentialReportCommand } from "@aws-sdk/client-iam";
import { parse } from "csv-parse/sync";
import { iamClients } from "./client";

export type CredentialRow = {
  user: string;
  arn: string;
  passwordEnabled: boolean;
  passwordLastUsed: string | null;
  mfaActive: boolean;
  accessKeys: { active: boolean; lastRotated: string | null; lastUsed: string | null }[];
};

const date = (v: string | undefined) => (v && v !== "N/A" && v !== "no_information" && v !== "not_supported" ? v : null);

export function parseCredentialReport(csv: string): CredentialRow[] {
  const rows = parse(csv, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return rows
    .filter((r) => r.user !== "<root_account>")
    .map((r) => ({
      user: r.user,
      arn: r.arn,
      passwordEnabled: r.password_enabled === "true",
      passwordLastUsed: date(r.password_last_used),
      mfaActive: r.mfa_active === "true",
      accessKeys: [1, 2]
        .filter((n) => r[`access_key_${n}_last_rotated`] && r[`access_key_${n}_last_rotated`] !== "N/A")
        .map((n) => ({ active: r[`access_key_${n}_active`] === "true", lastRotated: date(r[`access_key_${n}_last_rotated`]), lastUsed: date(r[`access_key_${n}_last_used_date`]) })),
    }));
}

/** Generates (or reuses a fresh) credential report and returns its rows; polls while IAM builds it. */
export async function credentialReport(timeoutMs = 20_000): Promise<{ generatedAt: string | null; rows: CredentialRow[] }> {
  const { iam } = iamClients();
  const until = Date.now() + timeoutMs;
  for (let delay = 100; ; delay = Math.min(delay * 2, 2000)) {
    const state = await iam.send(new GenerateCredentialReportCommand({}));
    if (state.State === "COMPLETE") break;
    if (Date.now() > until) throw new Error("IAM did not finish the credential report in time");
    await new Promise((r) => setTimeout(r, delay));
  }
  const report = await iam.send(new GetCredentialReportCommand({}));
  const csv = report.Content ? Buffer.from(report.Content).toString("utf8") : "";
  return { generatedAt: report.GeneratedTime?.toISOString() ?? null, rows: parseCredentialReport(csv) };
}
