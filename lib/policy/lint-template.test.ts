import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalog, type Catalog } from "./catalog";
import { lintTemplate } from "./lint-template";
import type { ParameterDefinition } from "./template.schema";

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog();
});

const text = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"arn:aws:s3:::\${BillingBucket}/*"}]}`;
const bucket: ParameterDefinition = { name: "BillingBucket", description: "", type: "bucket-name", example: "example-company-billing" };

describe("lintTemplate", () => {
  it("passes a template whose examples render to a clean policy", () => {
    expect(lintTemplate(text, [bucket], { kind: "managed", catalog })).toEqual({ errors: [], warnings: [] });
  });

  it("reports undefined parameters, bad examples and unused definitions", () => {
    const unused: ParameterDefinition = { name: "Spare", description: "", type: "string", example: "x" };
    expect(lintTemplate(text, [unused], { kind: "managed", catalog })).toEqual({
      errors: [{ code: "invalid-parameter", message: "BillingBucket is used in the template but not defined.", path: "parameters.BillingBucket" }],
      warnings: [{ code: "unused-parameter", message: "Spare is defined but the template never uses ${Spare}.", path: "parameters.Spare" }],
    });
    const badExample = lintTemplate(text, [{ ...bucket, example: "Not_A_Bucket" }], { kind: "managed", catalog });
    expect(badExample.errors.map((e) => e.path)).toEqual(["parameters.BillingBucket"]);
  });

  it("lints the rendered document", () => {
    const wide = text.replace('"s3:GetObject"', '"s3:GetObjekt"');
    expect(lintTemplate(wide, [bucket], { kind: "managed", catalog }).errors.map((e) => e.code)).toEqual(["unknown-action"]);
  });
});
