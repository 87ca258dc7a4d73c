import {
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  ListPoliciesCommand,
  ListPolicyVersionsCommand,
  SetDefaultPolicyVersionCommand,
  paginateListPolicies,
} from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { allow, doc, expectIamError, sandboxForFile } from "./test/helpers";

const { iam } = sandboxForFile();

const create = (name: string, document = doc(allow("s3:GetObject", "arn:aws:s3:::b/*"))) =>
  iam.send(
    new CreatePolicyCommand({ PolicyName: name, PolicyDocument: document, Path: "/team/", Description: "d" }),
  );

describe("managed policies", () => {
  it("creates and reads a policy; documents come back percent-encoded exactly once", async () => {
    const text = doc(allow("s3:GetObject", "arn:aws:s3:::b/with%3Aescape/*"));
    const p = await create("readers", text);
    expect(p.Policy).toMatchObject({
      PolicyName: "readers",
      DefaultVersionId: "v1",
      AttachmentCount: 0,
      IsAttachable: true,
      Path: "/team/",
    });
    expect(p.Policy!.Arn).toBe("arn:aws:iam::123456789012:policy/team/readers");
    expect(p.Policy!.PolicyId).toMatch(/^ANPA[A-Z0-9]{17}$/);
    const v = await iam.send(new GetPolicyVersionCommand({ PolicyArn: p.Policy!.Arn, VersionId: "v1" }));
    expect(v.PolicyVersion!.Document).toContain("%253A");
    expect(decodeURIComponent(v.PolicyVersion!.Document!)).toBe(text);
    await expectIamError(create("READERS"), "EntityAlreadyExists", 409);
    const got = await iam.send(new GetPolicyCommand({ PolicyArn: p.Policy!.Arn }));
    expect(got.Policy!.Description).toBe("d");
  });

  it("rejects malformed documents with AWS's messages", async () => {
    const cases: Array<[string, string]> = [
      ["{not json", "Syntax errors in policy."],
      [
        JSON.stringify({ Statement: [allow("s3:GetObject")] }),
        "Policy document must be version 2012-10-17 or greater.",
      ],
      [doc([{ Effect: "Allow", Action: "s3:GetObject" }]), "Policy statement must contain resources."],
      [doc([{ Action: "s3:GetObject", Resource: "*" }]), "Missing required field Effect"],
      [doc([{ Effect: "Allow", Resource: "*" }]), "Policy statement must contain actions."],
      [
        JSON.stringify({ Version: "2012-10-17", Statement: [allow("s3:GetObject")], Extra: 1 }),
        "Syntax errors in policy.",
      ],
      [doc([{ ...allow("s3:GetObject"), Bogus: 1 }]), "Syntax errors in policy."],
      // What AWS refuses and the sandbox once stored (issue 12, #9): Gatehouse's review cannot read these.
      [
        doc([{ Sid: "allow-all", ...allow("*") }]),
        "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*",
      ],
      [
        doc([
          { Sid: "Read", ...allow("s3:GetObject") },
          { Sid: "Read", ...allow("s3:ListBucket") },
        ]),
        "Statement IDs (SID) in a single policy must be unique.",
      ],
      [
        doc([{ ...allow("s3:GetObject"), Condition: { StringEqualz: { "aws:username": "a" } } }]),
        "Invalid Condition type : StringEqualz",
      ],
      [
        doc([{ ...allow("s3:GetObject"), Condition: { StringEquals: { "aws:username": { nested: 1 } } } }]),
        "Syntax errors in policy.",
      ],
      [
        JSON.stringify({ Version: "2012-10-17", Id: 7, Statement: [allow("s3:GetObject")] }),
        "Syntax errors in policy.",
      ],
    ];
    for (const [document, message] of cases) {
      expect(await expectIamError(create("bad", document), "MalformedPolicyDocument", 400)).toBe(message);
    }
  });

  it("accepts what AWS accepts: empty or distinct alphanumeric Sids, case-insensitive and qualified condition operators", async () => {
    const a = await create(
      "sids-ok",
      doc([
        { Sid: "", ...allow("s3:GetObject") },
        { Sid: "Read2", ...allow("s3:ListBucket") },
      ]),
    );
    const b = await create(
      "conditions-ok",
      doc([
        {
          ...allow("s3:GetObject"),
          Condition: {
            "ForAnyValue:StringLikeIfExists": { "aws:TagKeys": ["a*"] },
            bool: { "aws:MultiFactorAuthPresent": true },
          },
        },
      ]),
    );
    for (const p of [a, b]) await iam.send(new DeletePolicyCommand({ PolicyArn: p.Policy!.Arn }));
  });

  it("enforces the 6,144-character size quota without counting whitespace", async () => {
    const actions = Array.from({ length: 600 }, (_, i) => `s3:Action${i}`);
    const big = doc(allow(actions));
    const msg = await expectIamError(create("huge", big), "LimitExceeded", 409);
    expect(msg).toBe("Cannot exceed quota for PolicySize: 6144");
    const padded = JSON.stringify(JSON.parse(doc(allow(actions.slice(0, 200)))), null, 8);
    expect(padded.length).toBeGreaterThan(6144);
    await create("padded", padded);
  });

  it("versions: five at most, ids never reused, newest first, default protected", async () => {
    const p = await create("versioned");
    const arn = p.Policy!.Arn!;
    for (let i = 2; i <= 5; i++)
      await iam.send(
        new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc(allow(`s3:Get${i}`)) }),
      );
    const msg = await expectIamError(
      iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc(allow("s3:X")) })),
      "LimitExceeded",
      409,
    );
    expect(msg).toMatch(/^A managed policy can have up to 5 versions/);
    await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: "v3" }));
    const v6 = await iam.send(
      new CreatePolicyVersionCommand({
        PolicyArn: arn,
        PolicyDocument: doc(allow("s3:Y")),
        SetAsDefault: true,
      }),
    );
    expect(v6.PolicyVersion).toMatchObject({ VersionId: "v6", IsDefaultVersion: true });
    const versions = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }));
    expect(versions.Versions!.map((v) => v.VersionId)).toEqual(["v6", "v5", "v4", "v2", "v1"]);
    expect(
      await expectIamError(
        iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: "v6" })),
        "DeleteConflict",
        409,
      ),
    ).toBe("Cannot delete the default version of a policy.");
    await iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: "v2" }));
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!.DefaultVersionId).toBe("v2");
    expect(
      await expectIamError(
        iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: "v3" })),
        "NoSuchEntity",
        404,
      ),
    ).toBe(`Policy ${arn} version v3 does not exist or is not attachable.`);
    expect(
      await expectIamError(iam.send(new DeletePolicyCommand({ PolicyArn: arn })), "DeleteConflict", 409),
    ).toMatch(/^This policy has more than one version/);
    for (const v of ["v1", "v4", "v5", "v6"])
      await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: v }));
    await iam.send(new DeletePolicyCommand({ PolicyArn: arn }));
    await expectIamError(iam.send(new GetPolicyCommand({ PolicyArn: arn })), "NoSuchEntity", 404);
  });

  it("lists with Scope, PathPrefix and OnlyAttached, across pages", async () => {
    const aws = await iam.send(new ListPoliciesCommand({ Scope: "AWS", MaxItems: 1000 }));
    const names = aws.Policies!.map((p) => p.PolicyName);
    for (const n of [
      "AdministratorAccess",
      "ReadOnlyAccess",
      "IAMUserChangePassword",
      "AmazonS3FullAccess",
      "AmazonS3ReadOnlyAccess",
      "AmazonEC2FullAccess",
      "AmazonSQSFullAccess",
      "AdministratorAccess-AWSElasticBeanstalk",
      "AmazonCognitoPowerUser",
    ])
      expect(names).toContain(n);
    const admin = await iam.send(
      new GetPolicyVersionCommand({
        PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
        VersionId: "v1",
      }),
    );
    expect(JSON.parse(decodeURIComponent(admin.PolicyVersion!.Document!)).Statement[0]).toEqual({
      Effect: "Allow",
      Action: "*",
      Resource: "*",
    });
    const local: string[] = [];
    for await (const page of paginateListPolicies(
      { client: iam, pageSize: 1 },
      { Scope: "Local", PathPrefix: "/team/" },
    ))
      local.push(...page.Policies!.map((p) => p.PolicyName!));
    expect(local.sort()).toEqual(["padded", "readers"]);
    const attached = await iam.send(new ListPoliciesCommand({ OnlyAttached: true }));
    expect(attached.Policies).toEqual([]);
  });
});
