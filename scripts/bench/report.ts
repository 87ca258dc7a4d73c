// Writes the figures of `npm run bench` into docs/benchmarks.md, between the markers below; the
// prose around them is kept as written. Each benchmark's figures keep the date and machine of the
// run that measured them, so `npm run bench -- review` refreshes the review rows and leaves the
// others as they were: each bench's last JSON line is kept, with its date, in docs/benchmarks.json.
// Both files are written through Prettier, so `npm run format:check` stays green.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { format, resolveConfig } from "prettier";
import { rowsFor, type Row } from "./figures";

const START = "<!-- bench:figures:start (written by npm run bench; edit the prose, not this part) -->";
const END = "<!-- bench:figures:end -->";

/** `load`: the machine's 1/5/15-minute load averages when the run ended (others' work skews figures). */
type Measured = { at: string; machine: string; commit: string; load?: string; json: Record<string, unknown> };
export type Stored = Record<string, Measured>;

export function machine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.replace(/\s+/g, " ").trim() ?? "unknown CPU";
  const gb = Math.round(os.totalmem() / 2 ** 30);
  return `${cpus.length} × ${model}, ${gb} GB, ${os.platform()} ${os.release()}, Node ${process.version}`;
}

function commit(root: string): string {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return "unknown";
  }
}

function readStored(file: string): Stored {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Stored) : {};
}

async function writeFormatted(file: string, text: string): Promise<void> {
  const options = (await resolveConfig(file)) ?? {};
  writeFileSync(file, await format(text, { ...options, filepath: file }));
}

const fmt = (n: number | undefined, unit: string) =>
  n === undefined || Number.isNaN(n) ? "" : `${n.toLocaleString("en-US")}${unit ? ` ${unit}` : ""}`;

function table(stored: Stored, order: string[]): string {
  const head = "| Bench | Figure | Value | Baseline | Ratio | Target | Met | Measured |";
  const lines = [head, "|---|---|---|---|---|---|---|---|"];
  const names = [...order.filter((n) => stored[n]), ...Object.keys(stored).filter((n) => !order.includes(n))];
  for (const name of names) {
    const m = stored[name];
    for (const r of rowsFor(name, m.json as Record<string, unknown>) as Row[]) {
      const ratio = r.baseline && r.value ? `${(r.baseline / r.value).toFixed(1)}×` : "";
      const met = r.pass === undefined ? "" : r.pass ? "✔" : "✘";
      lines.push(
        `| ${name} | ${r.figure} | ${fmt(r.value, r.unit)} | ${fmt(r.baseline, r.unit)} | ${ratio} | ` +
          `${r.target ?? ""} | ${met} | ${m.at.slice(0, 10)} |`,
      );
    }
  }
  const runs = [
    ...new Set(
      names.map((n) => {
        const m = stored[n];
        return `${m.at.slice(0, 16).replace("T", " ")} UTC${m.load ? ` (load average ${m.load})` : ""}`;
      }),
    ),
  ];
  const machines = [...new Set(names.map((n) => stored[n].machine))];
  const commits = [...new Set(names.map((n) => stored[n].commit))];
  return [
    `Measured ${runs.join(", ")} at commit ${commits.join(", ")}, on ${machines.join("; ")}.`,
    "",
    ...lines,
  ].join("\n");
}

/** Merges this run's figures into the stored ones and rewrites the generated part of `doc`. */
export async function writeReport(
  doc: string,
  data: string,
  root: string,
  figures: Record<string, unknown>,
  order: string[],
  problems: string[] = [],
): Promise<void> {
  const stored = readStored(data);
  const at = new Date().toISOString();
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ");
  const base = { at, machine: machine(), commit: commit(root), load };
  for (const [name, json] of Object.entries(figures))
    stored[name] = { ...base, json: json as Record<string, unknown> };
  const text = existsSync(doc) ? readFileSync(doc, "utf8") : `# Benchmarks\n\n${START}\n${END}\n`;
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  if (from < 0 || to < 0) throw new Error(`${doc}: the bench markers are missing`);
  const notes = problems.map((p) => `- Not measured in the run of ${at.slice(0, 10)}: ${p}.`);
  const generated = [START, "", table(stored, order), "", ...notes, ...(notes.length ? [""] : []), END].join(
    "\n",
  );
  await writeFormatted(data, JSON.stringify(stored));
  await writeFormatted(doc, text.slice(0, from) + generated + text.slice(to + END.length));
}
