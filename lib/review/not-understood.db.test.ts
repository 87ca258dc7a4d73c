import { parse } from "csv-parse/sync";
import {
  AddUserToGroupCommand,
  CreateGroupCommand,
  CreateUserCommand,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "@/lib/iam-sandbox";
import { setupAppDatabase } from "@/lib/test/app-db";
import { testDbKind } from "@/lib/test/db";
import { NOT_UNDERSTOOD_LABEL } from "./cells";
import { matrixCsv, personCsv } from "./csv";
import { latestSnapshot, runSync, type Snapshot } from "./index";
import { matrixRows, type PersonLink } from "./matrix-view";
import { personDetail, serviceAccessors } from "./person";
import { countedSandboxClients } from "./testing";

// Issue 12 (#9): an inline `Action: "*"` whose Sid our parser refuses showed the user as "No
// access". IAM (and now the sandbox) refuses such a Sid, so the policy goes into the sandbox's
// state directly, as an account could still hold documents our parser rejects.
const ALLOW_ALL = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Sid: "allow-all", Effect: "Allow", Action: "*", Resource: "*" }],
});

describe(`access not understood (${testDbKind()})`, () => {
  setupAppDatabase();
  let sandbox: Sandbox;
  let snapshot: Snapshot;
  const people: PersonLink[] = [{ name: "Carla Contractor", jobRole: null, iamUserName: "carla" }];

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: "example-company" });
    const { iam, sts } = countedSandboxClients(sandbox.url);
    await iam.send(new CreateUserCommand({ UserName: "carla" }));
    await iam.send(new CreateUserCommand({ UserName: "gus" }));
    await iam.send(new CreateGroupCommand({ GroupName: "Shadow" }));
    await iam.send(new AddUserToGroupCommand({ GroupName: "Shadow", UserName: "gus" }));
    // The sandbox refuses the document as AWS does...
    await expect(
      iam.send(
        new PutUserPolicyCommand({ UserName: "carla", PolicyName: "everything", PolicyDocument: ALLOW_ALL }),
      ),
    ).rejects.toMatchObject({
      name: "MalformedPolicyDocumentException",
      message: expect.stringMatching(/SID\) must be alpha-numeric/),
    });
    // ...so it is planted in its state: on Carla directly, and on a group Gus is in.
    const state = sandbox.admin.state();
    state.users.get("carla")!.inline.set("everything", { name: "everything", document: ALLOW_ALL });
    state.groups.get("shadow")!.inline.set("everything", { name: "everything", document: ALLOW_ALL });
    await runSync({ iam, sts, source: "sandbox" });
    snapshot = (await latestSnapshot())!;
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it("marks the user, and everyone reached through the group, as not understood, with the policy and why", () => {
    expect(snapshot.notUnderstood.carla).toEqual([
      expect.objectContaining({
        policyName: "everything",
        kind: "inline",
        via: "direct",
        reason: expect.stringMatching(/Sid/),
      }),
    ]);
    expect(snapshot.notUnderstood.gus).toEqual([
      expect.objectContaining({ policyName: "everything", kind: "inline", via: "Shadow" }),
    ]);
    expect(snapshot.notUnderstood.mary).toBeUndefined();
  });

  it("the matrix never shows them as no access, and every service filter keeps them", () => {
    const rows = matrixRows(snapshot, people, new Map(), {});
    const carla = rows.find((r) => r.user === "carla")!;
    expect(carla.notUnderstood).toBe(true);
    expect(carla.cells.length).toBeGreaterThan(0);
    expect(carla.cells.every((c) => c !== 0)).toBe(true);
    expect(rows.find((r) => r.user === "mary")!.notUnderstood).toBe(false);
    const names = (f: Parameters<typeof matrixRows>[3]) =>
      matrixRows(snapshot, people, new Map(), f).map((r) => r.user);
    expect(names({ service: "ec2", minLevel: "Permissions management" })).toEqual(
      expect.arrayContaining(["carla", "gus"]),
    );
    expect(names({ service: "no-such-service" })).toEqual(expect.arrayContaining(["carla", "gus"]));
    expect(names({ notUnderstood: true }).sort()).toEqual(["carla", "gus"]);
  });

  it("the CSV export says so in every cell and in its own column", () => {
    const rows = matrixRows(snapshot, people, new Map(), {});
    const csv = parse(matrixCsv(rows, snapshot.access.services, snapshot.accountId), {
      columns: true,
    }) as Record<string, string>[];
    const carla = csv.find((l) => l.iam_user === "carla")!;
    expect(carla.access_understood).toBe("false");
    for (const s of snapshot.access.services) expect(carla[s.service]).toBe(NOT_UNDERSTOOD_LABEL);
    expect(csv.find((l) => l.iam_user === "mary")!.access_understood).toBe("true");
  });

  it("the person page and its export list the policy that is not understood", () => {
    const detail = personDetail(snapshot, "carla", people, new Map())!;
    expect(detail.notUnderstood.map((p) => p.policyName)).toEqual(["everything"]);
    const lines = parse(personCsv(detail), { columns: true }) as Record<string, string>[];
    expect(lines).toContainEqual(
      expect.objectContaining({ service: "*", level_of_service: NOT_UNDERSTOOD_LABEL, policy: "everything" }),
    );
  });

  it("'who can use a service' lists them", () => {
    const who = serviceAccessors(snapshot, "ec2", people);
    expect(who.find((r) => r.user === "carla")).toMatchObject({ notUnderstood: true, level: null });
    expect(who.find((r) => r.user === "mary")).toBeUndefined();
  });
});
