import {
  AddRoleToInstanceProfileCommand,
  AttachRolePolicyCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  DeleteInstanceProfileCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetInstanceProfileCommand,
  GetRoleCommand,
  ListInstanceProfilesCommand,
  ListInstanceProfilesForRoleCommand,
  ListRolesCommand,
  PutRolePolicyCommand,
  RemoveRoleFromInstanceProfileCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
  ListAttachedRolePoliciesCommand,
  type CreateRoleCommandInput,
} from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { allow, doc, expectDeleteBlockedBy, expectIamError, sandboxForFile } from "./test/helpers";

const { iam } = sandboxForFile();
const trust = (service = "ec2.amazonaws.com") =>
  doc([{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }]);

describe("roles", () => {
  it("creates with a validated trust policy, returned encoded", async () => {
    const worker = {
      RoleName: "worker",
      Path: "/svc/",
      AssumeRolePolicyDocument: trust(),
      MaxSessionDuration: 7200,
    };
    const r = await iam.send(new CreateRoleCommand(worker));
    expect(r.Role).toMatchObject({
      RoleName: "worker",
      Arn: "arn:aws:iam::123456789012:role/svc/worker",
      MaxSessionDuration: 7200,
    });
    expect(r.Role!.RoleId).toMatch(/^AROA[A-Z0-9]{17}$/);
    expect(
      JSON.parse(decodeURIComponent(r.Role!.AssumeRolePolicyDocument!)).Statement[0].Principal.Service,
    ).toBe("ec2.amazonaws.com");
    // Each refused role is a valid one ("x", trust(), default duration) with one field changed.
    const refused: Array<[Partial<CreateRoleCommandInput>, string, number]> = [
      [{ RoleName: "WORKER" }, "EntityAlreadyExists", 409],
      [{ MaxSessionDuration: 3599 }, "ValidationError", 400],
      [{ MaxSessionDuration: 43201 }, "ValidationError", 400],
      [
        { AssumeRolePolicyDocument: doc({ Effect: "Allow", Action: "sts:AssumeRole" }) },
        "MalformedPolicyDocument",
        400,
      ],
    ];
    for (const [input, code, status] of refused) {
      const role = { RoleName: "x", AssumeRolePolicyDocument: trust(), ...input };
      await expectIamError(iam.send(new CreateRoleCommand(role)), code, status);
    }
    const long = doc(
      Array.from({ length: 40 }, (_, i) => ({
        Effect: "Allow",
        Principal: { Service: `svc${i}.amazonaws.com` },
        Action: "sts:AssumeRole",
      })),
    );
    expect(
      await expectIamError(
        iam.send(new CreateRoleCommand({ RoleName: "x", AssumeRolePolicyDocument: long })),
        "LimitExceeded",
        409,
      ),
    ).toBe("Cannot exceed quota for ACLSizePerRole: 2048");
  });

  it("updates description, session duration and trust policy; lists by path", async () => {
    await iam.send(
      new UpdateRoleCommand({ RoleName: "worker", Description: "works", MaxSessionDuration: 43200 }),
    );
    await iam.send(
      new UpdateAssumeRolePolicyCommand({
        RoleName: "worker",
        PolicyDocument: trust("lambda.amazonaws.com"),
      }),
    );
    const got = await iam.send(new GetRoleCommand({ RoleName: "worker" }));
    expect(got.Role).toMatchObject({ Description: "works", MaxSessionDuration: 43200 });
    expect(decodeURIComponent(got.Role!.AssumeRolePolicyDocument!)).toContain("lambda.amazonaws.com");
    expect(
      (await iam.send(new ListRolesCommand({ PathPrefix: "/svc/" }))).Roles!.map((r) => r.RoleName),
    ).toEqual(["worker"]);
  });

  it("refuses DeleteRole while policies or instance profiles hang on it", async () => {
    await iam.send(new CreateRoleCommand({ RoleName: "busy", AssumeRolePolicyDocument: trust() }));
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: "busy-profile" }));
    const inProfile = { InstanceProfileName: "busy-profile", RoleName: "busy" };
    const attached = { RoleName: "busy", PolicyArn: "arn:aws:iam::aws:policy/AmazonSQSFullAccess" };
    const inline = { RoleName: "busy", PolicyName: "p" };
    await expectDeleteBlockedBy(
      () => iam.send(new DeleteRoleCommand({ RoleName: "busy" })),
      [
        {
          hang: () => iam.send(new AddRoleToInstanceProfileCommand(inProfile)),
          message: "Cannot delete entity, must remove roles from instance profile first.",
          takeOff: () => iam.send(new RemoveRoleFromInstanceProfileCommand(inProfile)),
        },
        {
          hang: async () => {
            await iam.send(new AttachRolePolicyCommand(attached));
            const list = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "busy" }));
            expect(list.AttachedPolicies![0].PolicyName).toBe("AmazonSQSFullAccess");
          },
          message: "Cannot delete entity, must detach all policies first.",
          takeOff: () => iam.send(new DetachRolePolicyCommand(attached)),
        },
        {
          hang: () =>
            iam.send(new PutRolePolicyCommand({ ...inline, PolicyDocument: doc(allow("sqs:SendMessage")) })),
          message: "Cannot delete entity, must delete policies first.",
          takeOff: () => iam.send(new DeleteRolePolicyCommand(inline)),
        },
      ],
    );
    await expectIamError(iam.send(new GetRoleCommand({ RoleName: "busy" })), "NoSuchEntity", 404);
  });
});

describe("instance profiles", () => {
  it("hold one role, list for role, refuse delete while a role is in", async () => {
    const ip = await iam.send(
      new CreateInstanceProfileCommand({ InstanceProfileName: "web", Path: "/svc/" }),
    );
    expect(ip.InstanceProfile!.InstanceProfileId).toMatch(/^AIPA[A-Z0-9]{17}$/);
    expect(ip.InstanceProfile!.Arn).toBe("arn:aws:iam::123456789012:instance-profile/svc/web");
    await expectIamError(
      iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: "WEB" })),
      "EntityAlreadyExists",
      409,
    );
    await iam.send(new CreateRoleCommand({ RoleName: "second", AssumeRolePolicyDocument: trust() }));
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: "web", RoleName: "worker" }));
    await expectIamError(
      iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: "web", RoleName: "second" })),
      "LimitExceeded",
      409,
    );
    const got = await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: "web" }));
    expect(got.InstanceProfile!.Roles!.map((r) => r.RoleName)).toEqual(["worker"]);
    const forRole = await iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: "worker" }));
    expect(forRole.InstanceProfiles!.map((p) => p.InstanceProfileName)).toEqual(["web"]);
    expect(
      await expectIamError(
        iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: "web" })),
        "DeleteConflict",
        409,
      ),
    ).toBe("Cannot delete entity, must remove roles from instance profile first.");
    await iam.send(
      new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: "web", RoleName: "worker" }),
    );
    await iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: "web" }));
    expect(
      (await iam.send(new ListInstanceProfilesCommand({ PathPrefix: "/svc/" }))).InstanceProfiles,
    ).toEqual([]);
    await expectIamError(
      iam.send(new GetInstanceProfileCommand({ InstanceProfileName: "web" })),
      "NoSuchEntity",
      404,
    );
  });
});
