import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from "node:net";
import type { LookupAddress } from "node:dns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  isPublicAddress,
  OutboundRefused,
  postJson,
  resolvedProblem,
  urlProblem,
  type OutboundPolicy,
} from "./outbound";

// Real local servers stand in for what an attacker would aim the webhook at (the sandbox's
// admin endpoint, anything on loopback): the assertions are that nothing ever connects there.
describe("outbound requests to admin-typed URLs (webhook SSRF)", () => {
  let target: TcpServer; // counts every TCP connection: nothing may reach it
  let targetPort: number;
  let connections = 0;
  let receiver: Server; // a development receiver (in devHosts) that redirects to the target
  let receiverPort: number;
  const received: string[] = [];

  beforeAll(async () => {
    target = createTcpServer((s) => {
      connections++;
      s.destroy();
    });
    await new Promise<void>((r) => target.listen(0, "127.0.0.1", r));
    targetPort = (target.address() as AddressInfo).port;
    receiver = createHttpServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        received.push(`${req.url} ${body}`);
        if (req.url === "/redirect") {
          res.writeHead(307, { location: `http://127.0.0.1:${targetPort}/_sandbox/reset` });
          return res.end();
        }
        res.end("ok");
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    receiverPort = (receiver.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((r) => target.close(() => r()));
    await new Promise<void>((r) => receiver.close(() => r()));
  });

  const strict: OutboundPolicy = { devHosts: [], allowedHosts: null };

  it("refuses loopback, private, link-local, CGNAT, unique-local, IPv4-mapped and metadata targets without connecting", async () => {
    const urls = [
      `https://127.0.0.1:${targetPort}/`,
      `https://127.1:${targetPort}/`,
      `https://0x7f.0.0.1:${targetPort}/`,
      `https://2130706433:${targetPort}/`,
      `https://[::1]:${targetPort}/`,
      `https://[::ffff:127.0.0.1]:${targetPort}/`,
      `https://[::ffff:7f00:1]:${targetPort}/`,
      `https://0.0.0.0:${targetPort}/`,
      "https://169.254.169.254/latest/meta-data/",
      "https://[fd00:ec2::254]/latest/meta-data/",
      "https://10.0.0.1/hook",
      "https://172.16.5.4/hook",
      "https://192.168.1.1/hook",
      "https://100.64.0.1/hook",
      "https://[fe80::1]/hook",
      "https://[64:ff9b::7f00:1]/hook",
    ];
    for (const url of urls) {
      expect(urlProblem(url, strict), url).toMatch(/private, loopback or link-local/);
      await expect(postJson(url, { text: "x" }, strict, 1_000), url).rejects.toBeInstanceOf(OutboundRefused);
    }
    expect(connections).toBe(0);
  });

  it("refuses a hostname that resolves to loopback, at save and at delivery, without connecting", async () => {
    const url = `https://localhost:${targetPort}/hook`;
    expect(await resolvedProblem(url, strict)).toMatch(/resolves to a private, loopback or link-local/);
    await expect(postJson(url, { text: "x" }, strict, 1_000)).rejects.toBeInstanceOf(OutboundRefused);
    expect(connections).toBe(0);
  });

  it("checks the address it connects to: DNS rebinding between the check and the connection gains nothing", async () => {
    let calls = 0;
    // First answer public (the check when the URL is saved), then loopback (the delivery).
    const rebinding = ((_host: string, _opts: unknown, cb: (e: null, a: LookupAddress[]) => void) => {
      cb(null, [{ address: calls++ === 0 ? "93.184.215.14" : "127.0.0.1", family: 4 }]);
    }) as unknown as OutboundPolicy["lookup"];
    const policy = { ...strict, lookup: rebinding };
    const url = `https://rebind.example:${targetPort}/hook`;
    expect(await resolvedProblem(url, policy)).toBeNull();
    await expect(postJson(url, { text: "x" }, policy, 1_000)).rejects.toThrow(/non-public address/);
    expect(connections).toBe(0);
  });

  it("requires https; plain http only to a development host, which then delivers", async () => {
    const url = `http://127.0.0.1:${receiverPort}/hook`;
    expect(urlProblem(url, strict)).toBe("Use an https:// URL.");
    await expect(postJson(url, { text: "x" }, strict)).rejects.toBeInstanceOf(OutboundRefused);
    expect(received).toEqual([]);
    const dev = { devHosts: [`127.0.0.1:${receiverPort}`], allowedHosts: null };
    expect(await postJson(url, { text: "hello" }, dev)).toEqual({ status: 200 });
    expect(received).toEqual([`/hook {"text":"hello"}`]);
    // The entry is host:port: another port on the same host is still refused.
    expect(urlProblem(`http://127.0.0.1:${targetPort}/`, dev)).toBe("Use an https:// URL.");
  });

  it("does not follow a redirect (a 307 would repeat the POST to loopback)", async () => {
    const dev = { devHosts: [`127.0.0.1:${receiverPort}`], allowedHosts: null };
    expect(await postJson(`http://127.0.0.1:${receiverPort}/redirect`, { text: "x" }, dev)).toEqual({
      status: 307,
    });
    expect(connections).toBe(0);
  });

  it("keeps to the host allow-list when one is set, and refuses credentials in the URL", async () => {
    const policy = { devHosts: [], allowedHosts: ["hooks.slack.com"] };
    expect(urlProblem("https://hooks.slack.com/services/T/B/x", policy)).toBeNull();
    expect(urlProblem("https://evil.example/hook", policy)).toBe("Webhooks may only go to hooks.slack.com.");
    expect(urlProblem("https://user:pw@hooks.slack.com/services/x", policy)).toMatch(/user name or password/);
  });

  it("tells public addresses from the rest", () => {
    for (const ip of ["8.8.8.8", "93.184.215.14", "2606:4700:4700::1111"])
      expect(isPublicAddress(ip), ip).toBe(true);
    for (const ip of [
      "127.0.0.1",
      "10.1.2.3",
      "169.254.169.254",
      "100.100.100.200",
      "::1",
      "::ffff:8.8.8.8",
      "fc00::1",
      "not-an-ip",
    ])
      expect(isPublicAddress(ip), ip).toBe(false);
  });
});
