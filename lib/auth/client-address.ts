import http from "node:http";

// The client's address for sign-in throttling. A header anyone can send (X-Forwarded-For) must
// not pick the budget, so the address comes from the TCP connection — unless the operator says
// that N reverse proxies stand in front (TRUSTED_PROXY_HOPS), in which case it is the entry N
// from the right of X-Forwarded-For followed by the socket address: what the outermost proxy
// we trust saw. Entries left of that were written by the client and are ignored.
//
// Next.js does not hand the socket to route handlers, and it keeps a client's X-Forwarded-For
// as sent, so the server's own `request` event stamps the address into PEER_HEADER (replacing
// any copy the client sent) before Next sees the request.

export const PEER_HEADER = "x-gatehouse-client-address";
const installed = Symbol.for("gatehouse.clientAddressStamp");

/** The client address from the socket's peer and X-Forwarded-For, trusting `hops` proxies. */
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  hops: number,
): string | undefined {
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const chain =
    hops > 0
      ? [...forwarded, ...(socketAddress ? [socketAddress] : [])]
      : socketAddress
        ? [socketAddress]
        : [];
  if (chain.length === 0) return undefined;
  return normalise(chain[Math.max(0, chain.length - 1 - hops)]);
}

// "::ffff:127.0.0.1" and "127.0.0.1" are one client; keep the text short and plain.
const normalise = (address: string) => address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1").slice(0, 64);

/** Installs the stamp on every HTTP server of this process (once; from instrumentation.ts). */
export function stampClientAddresses(hops: number): void {
  const proto = http.Server.prototype as http.Server & { [installed]?: boolean };
  if (proto[installed]) return;
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      const address = clientAddress(req.socket?.remoteAddress, req.headers["x-forwarded-for"], hops);
      if (address) req.headers[PEER_HEADER] = address;
      else delete req.headers[PEER_HEADER];
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
  proto[installed] = true;
}

/** The stamped address of a request's headers; undefined when the stamp is not installed. */
export function stampedAddress(headers: Record<string, unknown> | Headers | undefined): string | undefined {
  if (!(http.Server.prototype as { [installed]?: boolean })[installed] || !headers) return undefined;
  const value = headers instanceof Headers ? headers.get(PEER_HEADER) : headers[PEER_HEADER];
  return typeof value === "string" && value ? value : undefined;
}
