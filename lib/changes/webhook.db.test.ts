import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDbKind } from "@/lib/test/db";
import { approveRequest, createChangeRequest, executeRequest, updateSettings } from "./index";
import { ada, requester, setupHarness } from "./testing/harness";

describe(`webhook notifications (${testDbKind()})`, () => {
  const h = setupHarness();
  const received: { text: string }[] = [];
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        received.push(JSON.parse(body));
        res.end("ok");
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  async function until(n: number) {
    for (let i = 0; i < 100 && received.length < n; i++) await new Promise((r) => setTimeout(r, 20));
  }

  it("posts Slack-style text when a request needs approval and when it finishes", async () => {
    await updateSettings({ webhookUrl: url }, ada);
    const r = await createChangeRequest("group.add-member", { userName: "jane", groupName: "Accountants" }, requester);
    await until(1);
    expect(received[0].text).toBe(`Request #${r.number} needs approval: Add jane to Accountants (requested by ${requester.email})`);
    await approveRequest(r.id, r.planHash, ada);
    await executeRequest(r.id, ada);
    await until(2);
    expect(received[1].text).toBe(`Request #${r.number} succeeded: Add jane to Accountants`);
    // The audit records that the URL changed, never the URL (it may hold a token).
    const entry = await h.t.db.auditEvent.findFirstOrThrow({ where: { action: "settings.updated" } });
    expect(JSON.stringify(entry.data)).not.toContain(url);
  });

  it("never blocks or fails a change when the webhook is down", async () => {
    await updateSettings({ webhookUrl: "http://127.0.0.1:9/unreachable" }, ada);
    const r = await createChangeRequest("group.add-member", { userName: "jane", groupName: "DevOps" }, requester);
    await approveRequest(r.id, r.planHash, ada);
    expect((await executeRequest(r.id, ada)).request.status).toBe("succeeded");
    await updateSettings({ webhookUrl: null }, ada);
  });
});
