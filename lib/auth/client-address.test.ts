import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { clientAddress, PEER_HEADER, stampClientAddresses, stampedAddress } from "./client-address";

describe("the client address for throttling", () => {
  it("is the TCP peer unless proxies are trusted; then the entry that many hops from the right", () => {
    expect(clientAddress("10.0.0.5", "1.2.3.4, 5.6.7.8", 0)).toBe("10.0.0.5");
    expect(clientAddress("::ffff:127.0.0.1", undefined, 0)).toBe("127.0.0.1");
    // One proxy (10.0.0.5) appended the address it saw; whatever the client wrote before it is ignored.
    expect(clientAddress("10.0.0.5", "spoofed, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.5", "spoofed, 203.0.113.9, 10.0.0.4", 2)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.5", ["203.0.113.9"], 1)).toBe("203.0.113.9");
    // Fewer hops than configured: the leftmost address there is.
    expect(clientAddress("10.0.0.5", undefined, 1)).toBe("10.0.0.5");
    expect(clientAddress(undefined, undefined, 0)).toBeUndefined();
  });

  // Over real HTTP: the server stamps the socket's address and replaces a copy the client sent.
  const server = http.createServer((req, res) =>
    res.end(JSON.stringify({ stamped: stampedAddress(req.headers as Record<string, unknown>) ?? null })),
  );
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("a forged X-Forwarded-For or stamp header does not change the address", async () => {
    stampClientAddresses(0);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const forged: Record<string, string>[] = [
      {},
      { "X-Forwarded-For": "203.0.113.50" },
      { [PEER_HEADER]: "203.0.113.51", "X-Forwarded-For": "203.0.113.52, 203.0.113.53" },
    ];
    for (const headers of forged) {
      const body = await (await fetch(url, { headers })).json();
      expect(body).toEqual({ stamped: "127.0.0.1" });
    }
  });
});
