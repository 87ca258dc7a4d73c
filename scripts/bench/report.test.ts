// `npm run bench` writes its figures into docs/benchmarks.md: only between the markers, merged
// with the figures of benches that did not run, and through Prettier.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeReport } from "./report";

const START = "<!-- bench:figures:start (written by npm run bench; edit the prose, not this part) -->";
const END = "<!-- bench:figures:end -->";

describe("writeReport", () => {
  it("rewrites only the generated part, and keeps the rows of benches that did not run", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "bench-report-"));
    const doc = path.join(dir, "benchmarks.md");
    const data = path.join(dir, "benchmarks.json");
    writeFileSync(doc, `# Benchmarks\n\nProse before.\n\n${START}\nold\n${END}\n\nProse after.\n`);
    const order = ["sandbox", "offboard"];

    await writeReport(
      doc,
      data,
      dir,
      { sandbox: { requests_per_s: 3000, auth_details_walk_ms: 900 } },
      order,
    );
    await writeReport(doc, data, dir, { offboard: { offboard_ms: 1200, iam_calls: 34 } }, order, [
      "lint: exited with 1",
    ]);

    const text = readFileSync(doc, "utf8");
    expect(text).toContain("Prose before.");
    expect(text).toContain("Prose after.");
    expect(text).not.toContain("\nold\n");
    expect(text).toMatch(
      /\| sandbox +\| IAM sandbox requests\/s \(mixed load, signed and authorized\) +\| 3,000 req\/s/,
    );
    expect(text).toMatch(
      /\| offboard +\| offboard a fully loaded user, click to verified +\| 1,200 ms .*\| ✘ /,
    );
    expect(text).toContain("Not measured in the run of");
    expect(text).toMatch(/Measured .* on \d+ × /);
    const stored = JSON.parse(readFileSync(data, "utf8")) as Record<string, { json: unknown }>;
    expect(Object.keys(stored).sort()).toEqual(["offboard", "sandbox"]);
    expect(stored.sandbox.json).toEqual({ requests_per_s: 3000, auth_details_walk_ms: 900 });
  });

  it("refuses a document whose markers are gone instead of overwriting its prose", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "bench-report-"));
    const doc = path.join(dir, "benchmarks.md");
    writeFileSync(doc, "# Benchmarks\n\nNo markers here.\n");
    await expect(writeReport(doc, path.join(dir, "b.json"), dir, {}, [])).rejects.toThrow(/markers/);
    expect(readFileSync(doc, "utf8")).toBe("# Benchmarks\n\nNo markers here.\n");
  });
});
