import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { BlockList, isIP, type LookupFunction, type Socket } from "node:net";

// Requests the server makes to URLs an admin typed (the webhook). Without care such a URL
// reaches what only the server can: loopback services (the IAM sandbox's admin endpoint), the
// private network, the cloud metadata service. Rules:
// - https only; plain http only to hosts listed for development (devHosts);
// - every address the host resolves to, and the address actually connected to, must be public
//   (loopback, private, link-local, CGNAT, unique-local IPv6, IPv4-mapped/translated IPv6,
//   multicast, reserved and documentation ranges are refused) — so DNS rebinding between a
//   check and the connection gains nothing; devHosts are exempt;
// - no redirects followed;
// - when allowedHosts is set, only those hosts.

export type OutboundPolicy = {
  /** `host` or `host:port` entries reachable over plain http and on non-public addresses (development only). */
  devHosts: string[];
  /** If set, the only hostnames allowed at all. */
  allowedHosts: string[] | null;
  /** DNS, replaceable in tests (to simulate rebinding). */
  lookup?: typeof dnsLookup;
};

export class OutboundRefused extends Error {
  readonly code = "OUTBOUND_REFUSED";
}

// Two lists: Node's BlockList matches an IPv4 query against IPv6 rules such as ::ffff:0:0/96,
// so each family is checked against its own list only.
const blocked4 = new BlockList();
const blocked6 = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // CGNAT (also Alibaba's metadata service)
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local, incl. 169.254.169.254 (AWS/GCP/Azure metadata)
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.88.99.0", 24], // 6to4 relay
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const)
  blocked4.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128], // unspecified
  ["::1", 128], // loopback
  ["::ffff:0:0", 96], // IPv4-mapped: ::ffff:127.0.0.1 is loopback; refused whatever it maps
  ["::", 96], // IPv4-compatible (deprecated)
  ["64:ff9b::", 96], // NAT64: reaches an IPv4 address through a translator
  ["64:ff9b:1::", 48], // local NAT64
  ["100::", 64], // discard
  ["2001::", 23], // IETF protocol assignments, incl. Teredo
  ["2001:db8::", 32], // documentation
  ["2002::", 16], // 6to4: embeds an IPv4 address
  ["fc00::", 7], // unique local, incl. fd00:ec2::254 (AWS metadata over IPv6)
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated)
  ["ff00::", 8], // multicast
] as const)
  blocked6.addSubnet(net, prefix, "ipv6");

/** Whether `address` (an IP literal) is a public unicast address. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return family === 4 ? !blocked4.check(address, "ipv4") : !blocked6.check(address, "ipv6");
}

const bare = (hostname: string) => hostname.replace(/^\[|\]$/g, "").toLowerCase();

function isDevHost(url: URL, policy: OutboundPolicy): boolean {
  const host = bare(url.hostname);
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return policy.devHosts.some((entry) => {
    const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(entry.trim().toLowerCase());
    return !!m && bare(m[1]) === host && (m[2] === undefined || m[2] === port);
  });
}

/** What is wrong with `raw` as an outbound URL, without resolving it (null = nothing yet). */
export function urlProblem(raw: string, policy: OutboundPolicy): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Not a valid URL.";
  }
  const dev = isDevHost(url, policy);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && dev)) return "Use an https:// URL.";
  if (url.username || url.password) return "The URL must not carry a user name or password.";
  const host = bare(url.hostname);
  if (policy.allowedHosts && !policy.allowedHosts.includes(host))
    return `Webhooks may only go to ${policy.allowedHosts.join(", ")}.`;
  if (!dev && isIP(host) && !isPublicAddress(host))
    return "The URL points to a private, loopback or link-local address.";
  return null;
}

/** A DNS lookup that fails unless every address the name resolves to is public. */
function publicOnlyLookup(policy: OutboundPolicy): LookupFunction {
  const lookup = policy.lookup ?? dnsLookup;
  return (hostname, options, callback) => {
    lookup(
      hostname,
      { ...options, all: true },
      (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => {
        if (err) return callback(err, "", 0);
        const bad = addresses.find((a) => !isPublicAddress(a.address));
        if (bad || addresses.length === 0)
          return callback(new OutboundRefused(`${hostname} resolves to a non-public address`), "", 0);
        if (options.all)
          return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
        callback(null, addresses[0].address, addresses[0].family);
      },
    );
  };
}

/** Resolves the URL's host now and says what is wrong (for a clear message when the URL is saved). */
export async function resolvedProblem(raw: string, policy: OutboundPolicy): Promise<string | null> {
  const problem = urlProblem(raw, policy);
  if (problem) return problem;
  const url = new URL(raw);
  if (isDevHost(url, policy) || isIP(bare(url.hostname))) return null;
  return new Promise((resolve) => {
    publicOnlyLookup(policy)(bare(url.hostname), { all: true }, (err) => {
      if (!err) resolve(null);
      else
        resolve(
          err instanceof OutboundRefused
            ? "The URL's host resolves to a private, loopback or link-local address."
            : `The URL's host cannot be resolved (${(err as NodeJS.ErrnoException).code ?? "DNS error"}).`,
        );
    });
  });
}

/**
 * POSTs JSON to `raw` under the rules above. Resolves with the status; a redirect is not
 * followed (it is returned as its 3xx status). Refusals reject with OutboundRefused.
 */
export function postJson(
  raw: string,
  body: unknown,
  policy: OutboundPolicy,
  timeoutMs = 5_000,
): Promise<{ status: number }> {
  const problem = urlProblem(raw, policy);
  if (problem) return Promise.reject(new OutboundRefused(problem));
  const url = new URL(raw);
  const dev = isDevHost(url, policy);
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = (url.protocol === "https:" ? httpsRequest : httpRequest)(
      {
        protocol: url.protocol,
        hostname: bare(url.hostname),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: "POST",
        headers: { "content-type": "application/json", "content-length": payload.length },
        ...(dev ? {} : { lookup: publicOnlyLookup(policy) }),
        servername: isIP(bare(url.hostname)) ? undefined : bare(url.hostname),
        agent: false, // no pooled socket from an earlier connection: every request is checked anew
        timeout: timeoutMs,
      },
      (res: IncomingMessage) => {
        res.resume(); // the body does not matter, and a redirect's Location is not followed
        res.on("end", () => resolve({ status: res.statusCode ?? 0 }));
        res.on("error", reject);
      },
    );
    // The last word: the peer the socket actually connected to, whatever resolved it.
    req.on("socket", (socket: Socket) => {
      socket.once("connect", () => {
        if (!dev && !isPublicAddress(socket.remoteAddress ?? ""))
          req.destroy(new OutboundRefused("connected to a non-public address"));
      });
    });
    req.on("timeout", () => req.destroy(new OutboundRefused("timed out")));
    req.on("error", reject);
    req.end(payload);
  });
}
