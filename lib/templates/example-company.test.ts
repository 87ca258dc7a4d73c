import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderWithExamples } from "@/lib/policy";
import { EXAMPLE_TEMPLATES } from "./example-company";

// The example company's templates, rendered with their example values, must be exactly the
// policies the sandbox's example-company seed holds: a fresh demo then shows no drift. The seed's
// documents are read as files (the app reaches the sandbox over HTTP only, never its code).

const seedDir = path.join(__dirname, "../iam-sandbox/seeds/example-company");
const seedPolicy = (name: string) => JSON.parse(readFileSync(path.join(seedDir, `${name}.json`), "utf8"));

describe("example company templates", () => {
  it("are the seed's job-role policies, one for one", () => {
    const seeded = readdirSync(seedDir)
      .filter((f) => f.endsWith(".json") && !f.startsWith("ec2-sqs-worker-")) // the service role's
      .map((f) => f.replace(/\.json$/, ""));
    expect(EXAMPLE_TEMPLATES.map((t) => t.name).sort()).toEqual(seeded.sort());
  });

  it.each(EXAMPLE_TEMPLATES.map((t) => [t.name, t] as const))(
    "%s rendered with its examples is the seed's policy",
    (name, template) => {
      const rendered = renderWithExamples(template.document, template.parameters);
      if (!rendered.ok) throw new Error(JSON.stringify(rendered.errors));
      expect(JSON.parse(rendered.document)).toEqual(seedPolicy(name));
    },
  );
});
