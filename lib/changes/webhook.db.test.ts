import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDbKind } from "@/lib/test/db";
import { approveRequest, createChangeRequest, executeRequest, updateSettings } from "./index";
import { ada, requester, setupHarness } from "./testing/harness";
import { publicSettings, send } from "./webhook";

// The local receiver is reached as a development host (plain http, loopback); everything else
// on loopback, such as the redirect target below, stays refused. Set before env() is first read.
process.env.WEBHOOK_DEV_HOSTS = "localhost";

describe(`webhook notifications (${testDbKind()})`, () => {
  const h = setupHarness();
  const received: { text: string }[] = [];
  let server: Server;
  let url: string;
  let target: Server; // what a redirect points at, as the sandbox's /_sandbox/reset once was
  const targetHits: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        if (req.url === "/redirect") {
          res.writeHead(307, {
            location: `http://127.0.0.1:${(target.address() as AddressInfo).port}/_sandbox/reset`,
          });
          return res.end();
        }
        received.push(JSON.parse(body));
        res.end("ok");
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://localhost:${(server.address() as AddressInfo).port}/hook`;
    target = createServer((req, res) => {
      targetHits.push(`${req.method} ${req.url}`);
      res.end("{}");
    });
    await new Promise<void>((r) => target.listen(0, "127.0.0.1", r));
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await new Promise<void>((r) => target.close(() => r()));
  });

  async function until(n: number) {
    for (let i = 0; i < 100 && received.length < n; i++) await new Promise((r) => setTimeout(r, 20));
  }

  it("posts Slack-style text when a request needs approval and when it finishes", async () => {
    await updateSettings({ webhookUrl: url }, ada);
    const r = await createChangeRequest(
      "group.add-member",
      { userName: "jane", groupName: "Accountants" },
      requester,
    );
    await until(1);
    expect(received[0].text).toBe(
      `Request #${r.number} needs approval: Add jane to Accountants (requested by ${requester.email})`,
    );
    await approveRequest(r.id, r.planHash, ada);
    await executeRequest(r.id, ada);
    await until(2);
    expect(received[1].text).toBe(`Request #${r.number} succeeded: Add jane to Accountants`);
    // The audit records that the URL changed, never the URL (it may hold a token).
    const entry = await h.t.db.auditEvent.findFirstOrThrow({ where: { action: "settings.updated" } });
    expect(JSON.stringify(entry.data)).not.toContain(url);
  });

  it("refuses to save a URL the server must not call, and writes nothing", async () => {
    await updateSettings({ webhookUrl: url }, ada);
    const targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/_sandbox/reset`;
    for (const bad of [
      targetUrl,
      targetUrl.replace("http:", "https:"),
      "https://169.254.169.254/latest/meta-data/",
      "https://[::ffff:127.0.0.1]/",
      "https://10.0.0.8/hook",
    ]) {
      await expect(updateSettings({ webhookUrl: bad }, ada), bad).rejects.toMatchObject({
        code: "INVALID_INPUT",
        fieldErrors: { webhookUrl: [expect.any(String)] },
      });
    }
    expect((await h.t.db.setting.findFirstOrThrow({ where: { key: "changes.webhookUrl" } })).value).toEqual({
      v: url,
    });
    expect(targetHits).toEqual([]);
  });

  it("does not follow the webhook's redirect to loopback (a 307 would repeat the POST)", async () => {
    await updateSettings({ webhookUrl: url.replace("/hook", "/redirect") }, ada);
    await send("a notification");
    expect(targetHits).toEqual([]);
    await updateSettings({ webhookUrl: url }, ada);
  });

  it("shows the browser only whether a webhook is set, never its URL", async () => {
    const after = await updateSettings({ webhookUrl: url }, ada);
    const shown = publicSettings(after);
    expect(shown.webhookSet).toBe(true);
    expect(JSON.stringify(shown)).not.toContain("localhost");
  });

  it("never blocks or fails a change when the webhook is down", async () => {
    await updateSettings({ webhookUrl: "http://localhost:9/unreachable" }, ada);
    const r = await createChangeRequest(
      "group.add-member",
      { userName: "jane", groupName: "DevOps" },
      requester,
    );
    await approveRequest(r.id, r.planHash, ada);
    expect((await executeRequest(r.id, ada)).request.status).toBe("succeeded");
    await updateSettings({ webhookUrl: null }, ada);
  });
});
