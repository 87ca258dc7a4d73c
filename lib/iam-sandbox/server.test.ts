import { CreateUserCommand, GetUserCommand, ListUsersCommand } from "@aws-sdk/client-iam";
import { request as httpRequest } from "node:http";
import { describe, expect, it } from "vitest";
import { sandboxAdmin } from "./admin-client";
import { expectIamError, rawCall, sandboxForFile } from "./test/helpers";

const { iam, sandbox } = sandboxForFile();

const V = "Version=2010-05-08";

describe("wire protocol and bad input", () => {
  it("answers with text/xml, a request id header, and AWS's error body", async () => {
    const r = await rawCall(sandbox().url, `Action=GetUser&${V}&UserName=nobody`);
    expect(r.status).toBe(404);
    expect(r.contentType).toBe("text/xml");
    expect(r.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.text).toBe(
      `<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The user with name nobody cannot be found.</Message></Error><RequestId>${r.requestId}</RequestId></ErrorResponse>`,
    );
  });

  it("accepts GET query strings as well as POST bodies", async () => {
    const res = await rawCall(sandbox().url, `Action=CreateUser&${V}&UserName=via-get`, { method: "GET" });
    expect(res.status).toBe(200);
    expect(res.text).toContain("<UserName>via-get</UserName>");
  });

  it("rejects unknown actions, versions and malformed input without changing state or failing", async () => {
    const cases: Array<[string, number, string]> = [
      [`Action=HackTheBox&${V}`, 400, "InvalidAction"],
      [`Action=CreateUser&Version=2099-01-01&UserName=v`, 400, "InvalidAction"],
      [`Action=CreateUser&UserName=v`, 400, "MissingParameter"],
      [`${V}&UserName=v`, 400, "MissingAction"],
      [`Action=CreateUser&${V}&UserName=%ZZ%`, 400, "ValidationError"],
      [`Action=CreateUser&${V}&UserName=${"a".repeat(5000)}`, 400, "ValidationError"],
      [`Action=ListUsers&${V}&MaxItems=ten`, 400, "ValidationError"],
      [`Action=ListUsers&${V}&MaxItems=-1`, 400, "ValidationError"],
      [`Action=CreatePolicy&${V}&PolicyName=p&PolicyDocument=%00%01`, 400, "ValidationError"],
      [`Action=CreateUser&${V}&UserName=ok&Tags.member.1.Value=orphan`, 400, "ValidationError"],
      [`Action=toString&${V}`, 400, "InvalidAction"],
      [`Action=__proto__&${V}`, 400, "InvalidAction"],
      [`&&&==&Action=CreateUser&${V}`, 400, "ValidationError"],
      ["\u0000\u00ff garbage", 400, "MissingAction"],
    ];
    const before = sandbox().admin.health().users;
    for (const [body, status, code] of cases) {
      const r = await rawCall(sandbox().url, body);
      expect({
        body: body.slice(0, 60),
        status: r.status,
        code: /<Code>(.*)<\/Code>/.exec(r.text)?.[1],
      }).toEqual({ body: body.slice(0, 60), status, code });
    }
    expect(sandbox().admin.health().users).toBe(before);
  });

  it("validates parameters before looking entities up, as AWS does", async () => {
    const r = await rawCall(
      sandbox().url,
      `Action=UpdateAccessKey&${V}&UserName=nobody&AccessKeyId=AKIAAAAAAAAAAAAAAAAA&Status=Paused`,
    );
    expect(r.status).toBe(400);
    expect(r.text).toContain("Member must satisfy enum value set: [Active, Inactive]");
    const g = await rawCall(
      sandbox().url,
      `Action=AddUserToGroup&${V}&GroupName=nogroup&UserName=bad%20name`,
    );
    expect(g.text).toContain("<Code>ValidationError</Code>");
  });

  it("caps the request body", async () => {
    const r = await rawCall(
      sandbox().url,
      `Action=CreateUser&${V}&UserName=big&Padding=${"x".repeat(2 * 1024 * 1024)}`,
    );
    expect(r.status).toBe(413);
    expect((await rawCall(sandbox().url, `Action=ListUsers&${V}`)).status).toBe(200);
  });
});

describe("admin endpoint and fault injection", () => {
  it("reports health and resets to a seed", async () => {
    const { url, adminToken } = sandbox();
    const health = await (await sandboxAdmin(url, adminToken, "health")).json();
    expect(health).toMatchObject({ ok: true, accountId: "123456789012" });
    const reset = await sandboxAdmin(url, adminToken, "reset", {
      seed: "example-company",
    });
    // the five employees and the gatehouse-app user (seeds/app-identity.ts)
    expect(await reset.json()).toMatchObject({ users: 6, groups: 4 });
    const bad = await fetch(`${url}/_sandbox/faults`, {
      method: "POST",
      headers: { authorization: `Bearer ${adminToken}` },
      body: "{nope",
    });
    expect(bad.status).toBe(400);
    const badRate = await sandboxAdmin(url, adminToken, "faults", { throttleRate: 2 });
    expect(badRate.status).toBe(400);
  });

  it("refuses the admin endpoint without the start-time token, or for a non-loopback Host (DNS rebinding)", async () => {
    const { url, port, adminToken } = sandbox();
    await iam.send(new CreateUserCommand({ UserName: "survives-admin-attacks" }));
    const attempts: [string, RequestInit][] = [
      ["no token", { method: "POST", body: "{}" }],
      [
        "wrong token",
        { method: "POST", headers: { authorization: "Bearer not-the-token-at-all-0000" }, body: "{}" },
      ],
      ["token as a query", { method: "POST", body: "{}" }],
    ];
    for (const [what, init] of attempts) {
      const resetUrl = `${url}/_sandbox/reset${what === "token as a query" ? `?token=${adminToken}` : ""}`;
      const res = await fetch(resetUrl, init);
      expect(res.status, what).toBe(401);
    }
    expect((await fetch(`${url}/_sandbox/health`)).status).toBe(401);
    expect(
      (
        await fetch(`${url}/_sandbox/faults`, {
          method: "POST",
          body: JSON.stringify({ failureRate: 1 }),
        })
      ).status,
    ).toBe(401);
    // A rebound name (attacker.example → 127.0.0.1) arrives with its own Host, token or not.
    for (const host of [
      "attacker.example",
      "attacker.example:4580",
      "127.0.0.1.nip.io",
      "[::ffff:127.0.0.1]",
    ]) {
      const res = await rawAdmin(port, host, adminToken);
      expect(res.status, host).toBe(403);
    }
    expect((await rawAdmin(port, `localhost:${port}`, adminToken)).status).toBe(200);
    // Nothing was reset and no fault was set.
    await iam.send(new GetUserCommand({ UserName: "survives-admin-attacks" }));
    expect(sandbox().admin.getFaults()).toEqual({});
  });

  it("throttles and fails deterministically for a seed, filtered by action", async () => {
    const { url, adminToken } = sandbox();
    const run = async () => {
      await sandboxAdmin(url, adminToken, "faults", {
        throttleRate: 0.3,
        failureRate: 0.2,
        seed: 42,
        actions: ["ListUsers"],
      });
      const outcomes: string[] = [];
      for (let i = 0; i < 30; i++) {
        try {
          await iam.send(new ListUsersCommand({}));
          outcomes.push("ok");
        } catch (e) {
          const err = e as { name: string; $metadata: { httpStatusCode?: number } };
          outcomes.push(`${err.name}:${err.$metadata.httpStatusCode}`);
        }
      }
      return outcomes;
    };
    const first = await run();
    const second = await run();
    expect(second).toEqual(first);
    expect(first).toContain("Throttling:400");
    expect(first).toContain("ServiceFailureException:500");
    expect(first).toContain("ok");
    await iam.send(new GetUserCommand({ UserName: "sally" }));
    expect(await (await sandboxAdmin(url, adminToken, "faults")).json()).toMatchObject({
      seed: 42,
    });
    sandbox().admin.setFaults({});
  });

  it("can answer writes with EntityTemporarilyUnmodifiable or ConcurrentModification, never reads", async () => {
    sandbox().admin.setFaults({ unmodifiableRate: 1 });
    await expectIamError(
      iam.send(new CreateUserCommand({ UserName: "blocked" })),
      "EntityTemporarilyUnmodifiable",
      409,
    );
    await iam.send(new ListUsersCommand({}));
    sandbox().admin.setFaults({ concurrentModificationRate: 1 });
    await expectIamError(
      iam.send(new CreateUserCommand({ UserName: "blocked" })),
      "ConcurrentModification",
      409,
    );
    sandbox().admin.setFaults({});
    await iam.send(new CreateUserCommand({ UserName: "blocked" }));
  });

  it("hides new entities for consistencyDelayMs, then shows them", async () => {
    sandbox().admin.setFaults({ consistencyDelayMs: 300 });
    await iam.send(new CreateUserCommand({ UserName: "eventual" }));
    await expectIamError(iam.send(new GetUserCommand({ UserName: "eventual" })), "NoSuchEntity", 404);
    expect((await iam.send(new ListUsersCommand({}))).Users!.map((u) => u.UserName)).not.toContain(
      "eventual",
    );
    await new Promise((r) => setTimeout(r, 350));
    expect((await iam.send(new GetUserCommand({ UserName: "eventual" }))).User!.UserName).toBe("eventual");
    sandbox().admin.setFaults({});
  });

  it("adds latency", async () => {
    sandbox().admin.setFaults({ latencyMs: 120 });
    const t = Date.now();
    await iam.send(new ListUsersCommand({}));
    expect(Date.now() - t).toBeGreaterThanOrEqual(110);
    sandbox().admin.setFaults({});
  });
});

/** GET /_sandbox/health with a chosen Host header (fetch would not let us set it). */
function rawAdmin(port: number, host: string, token: string): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port,
        path: "/_sandbox/health",
        headers: { host, authorization: `Bearer ${token}` },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0 }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}
