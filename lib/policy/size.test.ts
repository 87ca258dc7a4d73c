import { describe, expect, it } from "vitest";
import { policySize } from "./size";

describe("policySize", () => {
  const doc = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: "*" }],
  };

  it("does not count whitespace, as IAM does", () => {
    const compact = JSON.stringify(doc);
    const pretty = JSON.stringify(doc, null, 4);
    expect(pretty.length).toBeGreaterThan(compact.length);
    expect(policySize(pretty)).toBe(compact.length);
    expect(policySize(doc)).toBe(compact.length);
    expect(policySize('{ "a" :\n\t"b c" }')).toBe('{"a":"bc"}'.length);
  });
});
