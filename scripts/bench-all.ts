// `npm run bench`: runs every benchmark that exists (its `npm run bench:<name>` entry, or
// scripts/bench-<name>.ts), reads each one's last line as JSON, and prints one table of
// figure | value | baseline | ratio | target | pass/fail, then all figures as one JSON line.
// `npm run bench -- pages load` runs only those. A benchmark that fails is reported, not hidden.
// The figures of the benches that ran are then written into docs/benchmarks.md (scripts/bench/report.ts).
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { formatTable, rowsFor, type Row } from "./bench/figures";
import { writeReport } from "./bench/report";

const ORDER = ["sandbox", "policy", "lint", "review", "offboard", "accounts", "pages", "load"];
const root = path.resolve(__dirname, "..");
const scripts = (
  JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }
).scripts;

function command(name: string): string[] | null {
  if (scripts[`bench:${name}`]) return ["npm", "run", "--silent", `bench:${name}`];
  if (existsSync(path.join(root, "scripts", `bench-${name}.ts`)))
    return ["npx", "tsx", `scripts/bench-${name}.ts`];
  return null;
}

/** Runs one bench with its output shown as it goes; resolves to its last non-empty stdout line. */
function run(cmd: string[]): Promise<{ code: number; last: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd[0], cmd.slice(1), { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
    let last = "";
    let rest = "";
    child.stdout.on("data", (c: Buffer) => {
      process.stdout.write(c);
      const lines = (rest + c.toString()).split("\n");
      rest = lines.pop() ?? "";
      for (const l of lines) if (l.trim()) last = l.trim();
    });
    child.on("exit", (code) => resolve({ code: code ?? 1, last: rest.trim() || last }));
  });
}

async function main() {
  const only = process.argv.slice(2);
  const rows: Row[] = [];
  const figures: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const name of ORDER.filter((n) => only.length === 0 || only.includes(n))) {
    const cmd = command(name);
    if (!cmd) {
      problems.push(`${name}: not present, skipped`);
      continue;
    }
    console.log(`\n== bench ${name}: ${cmd.join(" ")}`);
    const started = Date.now();
    const { code, last } = await run(cmd);
    try {
      if (code !== 0) throw new Error(`exited with ${code}`);
      const json = JSON.parse(last) as Record<string, unknown>;
      figures[name] = json;
      rows.push(...rowsFor(name, json));
      console.log(`== ${name} done in ${Math.round((Date.now() - started) / 1000)} s`);
    } catch (e) {
      problems.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
      rows.push({ bench: name, figure: "benchmark ran", value: 0, unit: "", target: "= 1", pass: false });
    }
  }
  console.log(`\n${formatTable(rows)}`);
  for (const p of problems) console.log(`note: ${p}`);
  const failed = rows.filter((r) => r.pass === false).length;
  console.log(`${rows.filter((r) => r.pass).length} targets met, ${failed} missed`);
  const doc = path.join(root, "docs", "benchmarks.md");
  await writeReport(doc, path.join(root, "docs", "benchmarks.json"), root, figures, ORDER, problems);
  console.log(`figures written to ${path.relative(root, doc)}`);
  console.log(JSON.stringify({ figures, targetsMissed: failed }));
  process.exit(failed > 0 ? 1 : 0);
}

void main();
