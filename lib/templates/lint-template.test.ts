import { describe, expect, it } from "vitest";
import type { ParameterDefinition } from "@/lib/policy/template.schema";
import { lintTemplate } from "./lint-template";

const text = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"arn:aws:s3:::\${BillingBucket}/*"}]}`;
const bucket: ParameterDefinition = {
  name: "BillingBucket",
  description: "",
  type: "bucket-name",
  example: "example-company-billing",
};

describe("lintTemplate (what the editor and Save check)", () => {
  it("passes a template whose examples render to a clean policy, and returns the rendered document", async () => {
    const result = await lintTemplate(text, [bucket]);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(JSON.parse(result.rendered!).Statement[0].Resource).toBe("arn:aws:s3:::example-company-billing/*");
  });

  it("reports undefined, duplicate and unused parameters before rendering", async () => {
    const spare: ParameterDefinition = { name: "Spare", description: "", type: "string", example: "x" };
    const undefinedOne = await lintTemplate(text, [spare]);
    expect(undefinedOne.errors.map((e) => e.code)).toEqual(["parameter-undefined"]);
    expect(undefinedOne.warnings.map((e) => e.code)).toEqual(["parameter-unused"]);
    expect((await lintTemplate(text, [bucket, bucket])).errors.map((e) => e.code)).toEqual([
      "parameter-duplicate",
    ]);
  });

  it("refuses a bad example and lints the rendered document", async () => {
    expect(
      (await lintTemplate(text, [{ ...bucket, example: "Not_A_Bucket" }])).errors.map((e) => e.code),
    ).toEqual(["parameter-invalid"]);
    expect(
      (await lintTemplate(text.replace('"s3:GetObject"', '"s3:GetObjekt"'), [bucket])).errors.map(
        (e) => e.code,
      ),
    ).toEqual(["unknown-action"]);
  });
});
