import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalog, type Catalog } from "./catalog";
import { parsePolicy } from "./parse";
import { policySummary } from "./summary";

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog();
});

const summary = (doc: object) => {
  const parsed = parsePolicy(JSON.stringify(doc));
  if (!parsed.ok) throw new Error("bad test policy");
  return policySummary(parsed.document, catalog);
};

describe("policySummary", () => {
  it("gives each service its levels (all of a level or some), resources and conditions", () => {
    const rows = summary({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: ["s3:GetObject", "s3:List*"], Resource: ["arn:aws:s3:::billing/*"] },
        {
          Effect: "Allow",
          Action: "ec2:Describe*",
          Resource: "*",
          Condition: { StringEquals: { "aws:RequestedRegion": ["eu-west-1"] } },
        },
      ],
    });
    const s3 = rows.find((r) => r.service === "s3")!;
    expect(s3).toMatchObject({
      effect: "Allow",
      serviceName: "Amazon S3",
      resources: ["arn:aws:s3:::billing/*"],
      conditions: [],
      unconditional: true,
    });
    const read = s3.levels.find((l) => l.level === "Read")!;
    expect(read.actions).toBe(1);
    expect(read.ofLevel).toBeGreaterThan(1);
    const list = s3.levels.find((l) => l.level === "List")!;
    expect(list.actions).toBe(list.ofLevel); // s3:List* is every List action of S3
    const ec2 = rows.find((r) => r.service === "ec2")!;
    expect(ec2).toMatchObject({
      resources: ["All resources"],
      conditions: ["aws:RequestedRegion StringEquals eu-west-1"],
      unconditional: false,
    });
  });

  it("orders strongest first and lists explicit denies after the allows", () => {
    const rows = summary({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*" },
        { Effect: "Allow", Action: ["iam:AttachUserPolicy", "iam:ListUsers"], Resource: "*" },
      ],
    });
    expect(rows.map((r) => `${r.effect} ${r.service}`)).toEqual(["Allow iam", "Deny s3"]);
    expect(rows[0].levels.map((l) => l.level)).toEqual(["Permissions management", "List"]);
  });

  it("says what NotResource leaves out", () => {
    const [row] = summary({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "sqs:SendMessage", NotResource: "arn:aws:sqs:*:*:secret" }],
    });
    expect(row.resources).toEqual(["All except arn:aws:sqs:*:*:secret"]);
  });
});
