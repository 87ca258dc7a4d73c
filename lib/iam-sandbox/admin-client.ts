import type { AppCredentials } from "./server";
// The one way callers reach the sandbox's /_sandbox/* endpoint (demo, benchmarks, e2e, tests):
// every call carries the admin token the sandbox was started with.

/** GET when `body` is omitted, else POST of `body` as JSON. */
export function sandboxAdmin(
  url: string,
  token: string,
  path: "health" | "reset" | "faults" | "usage" | "app-credentials",
  body?: unknown,
): Promise<Response> {
  return fetch(`${url}/_sandbox/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Records that `principal` (user or role name or ARN) used `service`, for Access Advisor. */
export async function recordSandboxUsage(
  url: string,
  token: string,
  usage: {
    principal: string;
    service: string;
    at?: string;
    region?: string;
    action?: string;
    /** the account the principal is in (an organization seed); default the management account */
    account?: string;
  },
): Promise<void> {
  const res = await sandboxAdmin(url, token, "usage", usage);
  if (!res.ok) throw new Error(`sandbox usage: ${res.status} ${await res.text()}`);
}

/** The seeded gatehouse-app user's key pair (seeds/app-identity.ts): what the app signs with. */
export async function sandboxAppCredentials(url: string, token: string): Promise<AppCredentials> {
  const res = await sandboxAdmin(url, token, "app-credentials");
  if (!res.ok) throw new Error(`sandbox app-credentials: ${res.status} ${await res.text()}`);
  return (await res.json()) as AppCredentials;
}
