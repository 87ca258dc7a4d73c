import { beforeAll, describe, expect, it } from "vitest";
import { ACCESS_LEVELS, buildCatalog, levelRank, loadCatalog, normaliseLevel, type Catalog } from "./catalog";
import { levelOf, serviceDisplayName } from "./catalog-lookups";

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog();
});

describe("catalog", () => {
  it("knows services, display names and each action's access level", () => {
    expect(serviceDisplayName("s3", catalog)).toBe("Amazon S3");
    expect(serviceDisplayName("nope", catalog)).toBe("nope");
    expect(levelOf("iam:AttachUserPolicy", catalog)).toBe("Permissions management");
    expect(levelOf("S3:GETOBJECT", catalog)).toBe("Read");
    expect(levelOf("s3:ListBucket", catalog)).toBe("List");
    expect(levelOf("s3:PutObject", catalog)).toBe("Write");
    expect(levelOf("ec2:CreateTags", catalog)).toBe("Tagging");
    expect(levelOf("s3:Fly", catalog)).toBeUndefined();
  });

  it("expands wildcards against the catalogue, case-insensitively", () => {
    const gets = catalog.expand("S3:get*");
    expect(gets.length).toBeGreaterThan(40);
    expect(gets.every((a) => a.service === "s3" && a.name.startsWith("Get"))).toBe(true);
    expect(catalog.expand("*")).toHaveLength(catalog.actions.length);
    expect(catalog.expand("s3:GetObjec?").map((a) => a.fullName)).toEqual(["s3:GetObject"]);
    expect(catalog.expand("*:ListAllMyBuckets").map((a) => a.fullName)).toEqual(["s3:ListAllMyBuckets"]);
    expect(catalog.expand("nope:*")).toEqual([]);
  });

  it("orders levels from least to most harmful", () => {
    expect(ACCESS_LEVELS).toEqual(["List", "Read", "Tagging", "Write", "Permissions management"]);
    expect(levelRank("Permissions management")).toBeGreaterThan(levelRank("Write"));
    expect(normaliseLevel("Permissions management, Write")).toBe("Permissions management");
    expect(normaliseLevel("Tagging, Write")).toBe("Tagging");
  });

  it("builds from raw data (the shape loadCatalog reads)", () => {
    const small = buildCatalog([
      {
        prefix: "demo",
        name: "Demo",
        actions: [
          { name: "ReadThing", accessLevel: "Read" },
          { name: "TagThing", accessLevel: "Tagging, Write" },
        ],
      },
    ]);
    expect(small.expand("demo:*").map((a) => [a.fullName, a.level])).toEqual([
      ["demo:ReadThing", "Read"],
      ["demo:TagThing", "Tagging"],
    ]);
  });
});
