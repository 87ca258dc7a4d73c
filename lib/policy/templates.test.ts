import { describe, expect, it } from "vitest";
import { parsePolicy } from "./parse";
import type { ParameterDefinition } from "./template.schema";
import { parameterDefinitionSchema } from "./template.schema";
import { renderTemplate, renderWithExamples, templateParameters } from "./templates";

const accountant = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Sid": "ListBilling", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::\${BillingBucket}",
      "Condition": { "StringLike": { "s3:prefix": ["\${aws:username}/*", "shared/*"] } } },
    { "Sid": "ReadBilling", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::\${BillingBucket}/*" },
    { "Sid": "Queue", "Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:eu-west-1:\${AccountId}:\${QueueName}" },
    { "Sid": "Home", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::home/\${aws:PrincipalTag/team}/\${s3:prefix}" }
  ]
}`;
const definitions: ParameterDefinition[] = [
  {
    name: "BillingBucket",
    description: "Bucket with invoices",
    type: "bucket-name",
    example: "example-company-billing",
  },
  { name: "AccountId", description: "", type: "account-id", example: "123456789012" },
  { name: "QueueName", description: "", type: "queue-name", example: "invoices" },
];
const values = {
  BillingBucket: "example-company-billing",
  AccountId: "123456789012",
  QueueName: "invoices.fifo",
};

describe("templateParameters", () => {
  it("lists template parameters once each and ignores IAM policy variables", () => {
    expect(templateParameters(accountant)).toEqual(["BillingBucket", "AccountId", "QueueName"]);
    expect(templateParameters('"${aws:username}" "${*}" "${$}" "${1abc}" "${a-b}" "${X_1}"')).toEqual([
      "X_1",
    ]);
  });
});

describe("renderTemplate", () => {
  it("fills parameters and leaves IAM variables for IAM to resolve", () => {
    const result = renderTemplate(accountant, definitions, values);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const parsed = parsePolicy(result.document);
    expect(parsed.ok && parsed.document.Statement.map((s) => s.Resource)).toEqual([
      ["arn:aws:s3:::example-company-billing"],
      ["arn:aws:s3:::example-company-billing/*"],
      ["arn:aws:sqs:eu-west-1:123456789012:invoices.fifo"],
      ["arn:aws:s3:::home/${aws:PrincipalTag/team}/${s3:prefix}"],
    ]);
    expect(result.document).toContain('"${aws:username}/*"');
  });

  it("reports missing values and values for parameters the template does not have", () => {
    const result = renderTemplate(accountant, definitions, {
      BillingBucket: "example-company-billing",
      AccountId: "123456789012",
      Extra: "x",
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        { parameter: "QueueName", message: "No value was given for QueueName." },
        { parameter: "Extra", message: "Extra is not a parameter of this template." },
      ],
    });
  });

  it("validates values by type", () => {
    const bad = { BillingBucket: "Example_Bucket", AccountId: "12345", QueueName: "my queue" };
    const result = renderTemplate(accountant, definitions, bad);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.parameter)).toEqual([
      "BillingBucket",
      "AccountId",
      "QueueName",
    ]);
    const arn = renderTemplate(
      '{"R":"${Target}"}',
      [{ name: "Target", description: "", type: "arn", example: "" }],
      { Target: "not-an-arn" },
    );
    expect(arn.ok).toBe(false);
    const okArn = renderTemplate(
      '{"R":"${Target}"}',
      [{ name: "Target", description: "", type: "arn", example: "" }],
      { Target: "arn:aws:sqs:eu-west-1:123456789012:orders" },
    );
    expect(okArn.ok).toBe(true);
  });

  it("refuses wildcards and policy-variable injection in any value", () => {
    for (const value of ["*", "billing-*", "a?", "${aws:username}"]) {
      const result = renderTemplate('{"R":"arn:aws:s3:::${B}"}', [], { B: value });
      expect(result.ok, value).toBe(false);
    }
  });

  it("escapes JSON so a value cannot break out of its string", () => {
    const text =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/${Folder}/x"}]}';
    const sneaky = 'a", "Action": "iam:CreateUser';
    const result = renderTemplate(text, [], { Folder: sneaky });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const parsed = parsePolicy(result.document);
    expect(parsed.ok && parsed.document.Statement[0]).toEqual({
      Effect: "Allow",
      Action: ["s3:GetObject"],
      Resource: [`arn:aws:s3:::b/${sneaky}/x`],
    });
    expect(renderTemplate(text, [], { Folder: "line\nbreak" }).ok).toBe(false);
  });

  it("a parameter outside quotes becomes a JSON string", () => {
    const result = renderTemplate(
      '{"Resource": ${BucketArn}}',
      [{ name: "BucketArn", description: "", type: "arn", example: "" }],
      { BucketArn: "arn:aws:s3:::b" },
    );
    expect(result).toEqual({ ok: true, document: '{"Resource": "arn:aws:s3:::b"}' });
  });

  it("reports a template that is not valid JSON once rendered", () => {
    const result = renderTemplate('{"R": "${A}",}', [], { A: "x" });
    expect(!result.ok && result.errors[0].parameter).toBe(null);
  });
});

describe("renderWithExamples and the definition schema", () => {
  it("renders with each parameter's example and flags undefined parameters", () => {
    expect(renderWithExamples(accountant, definitions).ok).toBe(true);
    const result = renderWithExamples(accountant, definitions.slice(0, 2));
    expect(!result.ok && result.errors).toEqual([
      { parameter: "QueueName", message: "QueueName is used in the template but not defined." },
    ]);
  });

  it("rejects parameter names with a colon", () => {
    expect(parameterDefinitionSchema.safeParse({ name: "aws:username", type: "string" }).success).toBe(false);
    expect(parameterDefinitionSchema.safeParse({ name: "BillingBucket", type: "bucket-name" }).success).toBe(
      true,
    );
  });
});
