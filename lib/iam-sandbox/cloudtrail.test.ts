import {
  CloudTrailClient,
  LookupEventsCommand,
  type LookupEventsCommandInput,
} from "@aws-sdk/client-cloudtrail";
import {
  type IAMClient,
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  GetUserCommand,
  PutUserPolicyCommand,
  TagUserCommand,
} from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { EXAMPLE_ROOT_CREDENTIALS } from "./auth/authenticate";
import { awsCliEnv, clients, sandboxForFile } from "./test/helpers";

// CloudTrail's LookupEvents over HTTP (JSON 1.1), with signatures checked: the SDK client and the
// AWS CLI as a second client.

const run = promisify(execFile);
const { sandbox } = sandboxForFile({ auth: "on" });
/** IAM as the account root, signed with the documented example pair the sandbox accepts. */
let rootIam: IAMClient | undefined;
const iam = () => (rootIam ??= clients(sandbox().url, EXAMPLE_ROOT_CREDENTIALS).iam);

function trail(credentials = EXAMPLE_ROOT_CREDENTIALS) {
  return new CloudTrailClient({ endpoint: sandbox().url, region: "us-east-1", credentials, maxAttempts: 1 });
}
const lookup = (input: LookupEventsCommandInput = {}) => trail().send(new LookupEventsCommand(input));
const byName = (name: string) =>
  lookup({ LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: name }] });

async function cli(...args: string[]) {
  const env = awsCliEnv();
  const { stdout } = await run("aws", ["--endpoint-url", sandbox().url, "--output", "json", ...args], {
    env,
  });
  return JSON.parse(stdout) as { Events: Array<Record<string, unknown>>; NextToken?: string };
}

describe("CloudTrail events for IAM and STS calls", () => {
  it("records a write with who, what, where and the resources it touched", async () => {
    await iam().send(new CreateUserCommand({ UserName: "ct-alice", Tags: [{ Key: "team", Value: "web" }] }));
    const { Events } = await byName("CreateUser");
    expect(Events).toHaveLength(1);
    const e = Events![0];
    expect(e).toMatchObject({
      EventName: "CreateUser",
      EventSource: "iam.amazonaws.com",
      ReadOnly: "false",
      Username: "root",
      AccessKeyId: EXAMPLE_ROOT_CREDENTIALS.accessKeyId,
      Resources: [{ ResourceType: "AWS::IAM::User", ResourceName: "ct-alice" }],
    });
    expect(e.EventTime).toBeInstanceOf(Date);
    const record = JSON.parse(e.CloudTrailEvent!);
    expect(record).toMatchObject({
      eventVersion: "1.09",
      userIdentity: { type: "Root", arn: "arn:aws:iam::123456789012:root", accountId: "123456789012" },
      eventSource: "iam.amazonaws.com",
      eventName: "CreateUser",
      awsRegion: "us-east-1",
      requestParameters: { userName: "ct-alice", tags: [{ key: "team", value: "web" }] },
      responseElements: { user: { userName: "ct-alice", arn: "arn:aws:iam::123456789012:user/ct-alice" } },
      eventID: e.EventId,
      readOnly: false,
      eventType: "AwsApiCall",
      managementEvent: true,
      recipientAccountId: "123456789012",
    });
    expect(record.requestID).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("names an IAM user caller and its key; reads are readOnly with no responseElements", async () => {
    const key = (await iam().send(new CreateAccessKeyCommand({ UserName: "ct-alice" }))).AccessKey!;
    const alice = clients(sandbox().url, {
      accessKeyId: key.AccessKeyId!,
      secretAccessKey: key.SecretAccessKey!,
    });
    await alice.sts.send(new GetCallerIdentityCommand({}));
    const { Events } = await lookup({
      LookupAttributes: [{ AttributeKey: "Username", AttributeValue: "ct-alice" }],
    });
    expect(Events!.map((e) => e.EventName)).toEqual(["GetCallerIdentity"]);
    const record = JSON.parse(Events![0].CloudTrailEvent!);
    expect(record).toMatchObject({
      eventSource: "sts.amazonaws.com",
      readOnly: true,
      responseElements: null,
      userIdentity: { type: "IAMUser", userName: "ct-alice", accessKeyId: key.AccessKeyId },
    });
    const byKey = await lookup({
      LookupAttributes: [{ AttributeKey: "AccessKeyId", AttributeValue: key.AccessKeyId! }],
    });
    expect(byKey.Events!.map((e) => e.EventName)).toEqual(["GetCallerIdentity"]);
  });

  it("a refused request carries errorCode and errorMessage", async () => {
    await expect(iam().send(new GetUserCommand({ UserName: "ct-nobody" }))).rejects.toThrow();
    const { Events } = await byName("GetUser");
    const record = JSON.parse(Events![0].CloudTrailEvent!);
    expect(record).toMatchObject({ errorCode: "NoSuchEntity", requestParameters: { userName: "ct-nobody" } });
    expect(record.errorMessage).toContain("ct-nobody");
  });

  it("never holds a secret: CreateAccessKey's secret, CreateLoginProfile's password", async () => {
    await iam().send(new CreateUserCommand({ UserName: "ct-bob" }));
    const key = (await iam().send(new CreateAccessKeyCommand({ UserName: "ct-bob" }))).AccessKey!;
    const password = "Sandbox-Pa55word!-ct";
    await iam().send(new CreateLoginProfileCommand({ UserName: "ct-bob", Password: password }));
    const created = JSON.parse((await byName("CreateAccessKey")).Events![0].CloudTrailEvent!);
    expect(created.responseElements.accessKey).toMatchObject({
      accessKeyId: key.AccessKeyId,
      userName: "ct-bob",
    });
    expect(created.responseElements.accessKey).not.toHaveProperty("secretAccessKey");
    const all = JSON.stringify(sandbox().admin.state().cloudTrail);
    const page = JSON.stringify(await lookup());
    for (const text of [all, page]) {
      expect(text).not.toContain(key.SecretAccessKey);
      expect(text).not.toContain(password);
    }
    const profile = JSON.parse((await byName("CreateLoginProfile")).Events![0].CloudTrailEvent!);
    expect(profile.requestParameters).toEqual({ userName: "ct-bob" });
    // The key the event created is one of its resources.
    const res = await lookup({
      LookupAttributes: [{ AttributeKey: "ResourceName", AttributeValue: key.AccessKeyId! }],
    });
    expect(res.Events!.map((e) => e.EventName)).toEqual(["CreateAccessKey"]);
  });
});

describe("LookupEvents filters, paging and errors", () => {
  it("filters by ReadOnly, EventSource, ResourceType and time; newest first", async () => {
    const writes = await lookup({
      LookupAttributes: [{ AttributeKey: "ReadOnly", AttributeValue: "false" }],
    });
    expect(writes.Events!.every((e) => e.ReadOnly === "false")).toBe(true);
    expect(writes.Events!.map((e) => e.EventName).slice(0, 3)).toEqual([
      "CreateLoginProfile",
      "CreateAccessKey",
      "CreateUser",
    ]);
    const sources = await lookup({
      LookupAttributes: [{ AttributeKey: "EventSource", AttributeValue: "sts.amazonaws.com" }],
    });
    expect(sources.Events!.map((e) => e.EventName)).toEqual(["GetCallerIdentity"]);
    const types = await lookup({
      LookupAttributes: [{ AttributeKey: "ResourceType", AttributeValue: "AWS::IAM::AccessKey" }],
    });
    expect(new Set(types.Events!.map((e) => e.EventName))).toEqual(new Set(["CreateAccessKey"]));
    const later = Date.now() + 3_600_000;
    const future = await lookup({ StartTime: new Date(later), EndTime: new Date(later + 1000) });
    expect(future.Events).toEqual([]);
    const times = (await lookup()).Events!.map((e) => e.EventTime!.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it("pages with MaxResults and NextToken, every event once", async () => {
    await iam().send(new TagUserCommand({ UserName: "ct-bob", Tags: [{ Key: "a", Value: "1" }] }));
    const all = (await lookup()).Events!.map((e) => e.EventId);
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await lookup({ MaxResults: 2, NextToken: token });
      expect(page.Events!.length).toBeLessThanOrEqual(2);
      seen.push(...page.Events!.map((e) => e.EventId!));
      token = page.NextToken;
    } while (token);
    expect(seen).toEqual(all);
  });

  it("refuses bad input with CloudTrail's error names", async () => {
    const name = (p: Promise<unknown>) =>
      p.then(
        () => "ok",
        (e: Error) => e.name,
      );
    const two = [
      { AttributeKey: "EventName" as const, AttributeValue: "CreateUser" },
      { AttributeKey: "Username" as const, AttributeValue: "root" },
    ];
    expect(await name(lookup({ LookupAttributes: two }))).toBe("InvalidLookupAttributesException");
    expect(
      await name(lookup({ LookupAttributes: [{ AttributeKey: "ReadOnly", AttributeValue: "maybe" }] })),
    ).toBe("InvalidLookupAttributesException");
    expect(await name(lookup({ StartTime: new Date(2000), EndTime: new Date(1000) }))).toBe(
      "InvalidTimeRangeException",
    );
    expect(await name(lookup({ MaxResults: 51 }))).toBe("InvalidMaxResultsException");
    expect(await name(lookup({ NextToken: "not-a-token" }))).toBe("InvalidNextTokenException");
    // A token is bound to the parameters that produced it.
    const { NextToken } = await lookup({ MaxResults: 1 });
    expect(await name(lookup({ MaxResults: 1, NextToken, LookupAttributes: two.slice(0, 1) }))).toBe(
      "InvalidNextTokenException",
    );
  });

  it("asks the caller's policies for cloudtrail:LookupEvents", async () => {
    await iam().send(new CreateUserCommand({ UserName: "ct-carol" }));
    const key = (await iam().send(new CreateAccessKeyCommand({ UserName: "ct-carol" }))).AccessKey!;
    const carol = trail({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });
    const refused = await carol.send(new LookupEventsCommand({})).then(
      () => "ok",
      (e: Error) => e.name,
    );
    expect(refused).toBe("AccessDeniedException");
    await iam().send(
      new PutUserPolicyCommand({
        UserName: "ct-carol",
        PolicyName: "lookup",
        PolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "cloudtrail:LookupEvents", Resource: "*" }],
        }),
      }),
    );
    expect((await carol.send(new LookupEventsCommand({ MaxResults: 1 }))).Events).toHaveLength(1);
  });

  it("requires a valid signature scoped to cloudtrail", async () => {
    const wrong = { accessKeyId: EXAMPLE_ROOT_CREDENTIALS.accessKeyId, secretAccessKey: "wrong-secret" };
    const refused = await trail(wrong)
      .send(new LookupEventsCommand({}))
      .then(
        () => "ok",
        (e: Error) => e.name,
      );
    expect(refused).toBe("SignatureDoesNotMatch");
  });

  it("answers the AWS CLI, filters and paging included", async () => {
    const out = await cli(
      "cloudtrail",
      "lookup-events",
      "--lookup-attributes",
      "AttributeKey=EventName,AttributeValue=CreateAccessKey",
    );
    // The same events the SDK client finds, in the same order.
    const sdk = (await byName("CreateAccessKey")).Events!.map((e) => e.EventId);
    expect(sdk.length).toBeGreaterThanOrEqual(2);
    expect(out.Events.map((e) => e.EventId)).toEqual(sdk);
    expect(JSON.parse(out.Events[0].CloudTrailEvent as string).userIdentity.type).toBe("Root");
    const paged = await cli("cloudtrail", "lookup-events", "--page-size", "1", "--max-items", "3");
    expect(paged.Events).toHaveLength(3);
    expect(paged.NextToken).toBeTruthy();
  });

  it("an unsigned request is refused in JSON, as JSON clients read errors", async () => {
    const r = await fetch(sandbox().url, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.CreateTrail",
      },
      body: "{}",
    });
    // Unsigned under auth "on": refused before the operation is looked at.
    expect(r.status).toBe(403);
    expect(r.headers.get("content-type")).toBe("application/x-amz-json-1.1");
    expect(((await r.json()) as { __type: string }).__type).toBe("MissingAuthenticationToken");
  });
});
