import { IamError } from "./errors";
import type { HandlerTable } from "./handler";
import { arn } from "./state";
import { isoTime } from "../http/xml";
import type { State, User } from "./types";

/** How long the sandbox pretends to work on a report before it is COMPLETE. */
const REPORT_GENERATION_MS = 100;
const REPORT_TTL_MS = 4 * 60 * 60 * 1000;

const COLUMNS = [
  "user",
  "arn",
  "user_creation_time",
  "password_enabled",
  "password_last_used",
  "password_last_changed",
  "password_next_rotation",
  "mfa_active",
  "access_key_1_active",
  "access_key_1_last_rotated",
  "access_key_1_last_used_date",
  "access_key_1_last_used_region",
  "access_key_1_last_used_service",
  "access_key_2_active",
  "access_key_2_last_rotated",
  "access_key_2_last_used_date",
  "access_key_2_last_used_region",
  "access_key_2_last_used_service",
  "cert_1_active",
  "cert_1_last_rotated",
  "cert_2_active",
  "cert_2_last_rotated",
];

// The report writes times as 2024-01-02T03:04:05+00:00, unlike the API's Z suffix.
const time = (ms: number) => isoTime(ms).replace(/Z$/, "+00:00");

function userRow(s: State, u: User): string[] {
  const profile = u.loginProfile;
  const maxAge = s.passwordPolicy?.MaxPasswordAge;
  const row = [
    u.name,
    arn.user(s, u),
    time(u.created),
    String(!!profile),
    profile ? (u.passwordLastUsed ? time(u.passwordLastUsed) : "no_information") : "N/A",
    profile ? time(profile.passwordChanged) : "N/A",
    profile && maxAge ? time(profile.passwordChanged + maxAge * 86_400_000) : "N/A",
    String(u.mfa.length > 0),
  ];
  for (let i = 0; i < 2; i++) {
    const k = u.accessKeys[i];
    if (!k) row.push("false", "N/A", "N/A", "N/A", "N/A");
    else
      row.push(
        String(k.status === "Active"),
        time(k.created),
        k.lastUsed ? time(k.lastUsed.at) : "N/A",
        k.lastUsed?.region ?? "N/A",
        k.lastUsed?.service ?? "N/A",
      );
  }
  for (let i = 0; i < 2; i++) {
    const c = u.certs[i];
    row.push(c ? String(c.status === "Active") : "false", c ? time(c.uploaded) : "N/A");
  }
  return row;
}

function buildReport(s: State): string {
  const rootRow = [
    "<root_account>",
    arn.root(s),
    time(0),
    "not_supported",
    "no_information",
    "not_supported",
    "not_supported",
    "false",
    "false",
    "N/A",
    "N/A",
    "N/A",
    "N/A",
    "false",
    "N/A",
    "N/A",
    "N/A",
    "N/A",
    "false",
    "N/A",
    "false",
    "N/A",
  ];
  const users = [...s.users.values()].sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
  return [COLUMNS, rootRow, ...users.map((u) => userRow(s, u))].map((r) => r.join(",")).join("\n");
}

export const credentialReportHandlers: HandlerTable = {
  GenerateCredentialReport(ctx) {
    const s = ctx.state;
    const report = s.credentialReport;
    if (report && ctx.now < report.readyAt)
      return { State: "INPROGRESS", Description: "Report generation in progress" };
    if (report && ctx.now - report.generated < REPORT_TTL_MS && report.readyAt <= ctx.now)
      return { State: "COMPLETE" };
    s.credentialReport = {
      generated: ctx.now,
      readyAt: ctx.now + REPORT_GENERATION_MS,
      content: buildReport(s),
    };
    return { State: "STARTED", Description: "No report exists. Starting a new report generation task" };
  },
  GetCredentialReport(ctx) {
    const report = ctx.state.credentialReport;
    if (!report)
      throw new IamError("ReportNotPresent", "Credential report not present. Call GenerateCredentialReport.");
    if (ctx.now < report.readyAt)
      throw new IamError("ReportInProgress", "Credential report is being generated.");
    if (ctx.now - report.generated >= REPORT_TTL_MS)
      throw new IamError("ReportExpired", "Credential report has expired. Call GenerateCredentialReport.");
    return {
      Content: Buffer.from(report.content, "utf8").toString("base64"),
      ReportFormat: "text/csv",
      GeneratedTime: isoTime(report.generated),
    };
  },
};
