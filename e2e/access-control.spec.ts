// Walks every server action and route handler the production build serves, and proves each
// refuses a caller without a session and a caller whose role is too small. The expected role
// comes from lib/actions/registry.ts; the list of what exists comes from the build itself, so
// an action or route added without the wrapper (or without a registry entry) fails here.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ACTION_ROLES, ROUTE_ROLES } from "@/lib/actions/registry";
import { pagePath, servedActions as manifestActions } from "./support/action-manifest";
import { MEMBER_ROLES, type MemberRole } from "@/lib/auth/roles";
import { APP_URL, USERS } from "./fixtures/users";
import { signInApi } from "./support/session";

type ServedAction = { id: string; exportedName: string; page: string };

/** Every action the build serves, posted to the first page that imports it. */
function servedActions(): ServedAction[] {
  return manifestActions().map((a) => ({
    id: a.id,
    exportedName: a.exportedName,
    page: pagePath(a.workers[0]),
  }));
}

const METADATA_FILE = /^\/(icon|apple-icon|favicon)\.[a-z]+$/;

function servedRoutes(): string[] {
  const file = path.join(process.cwd(), ".next/server/app-paths-manifest.json");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
  return (
    Object.keys(manifest)
      .filter((p) => p.endsWith("/route") && !p.startsWith("/api/auth/"))
      .map((p) => p.replace(/\/route$/, ""))
      // Next serves app/icon.svg (the favicon) as a route of its own: a public static file, no handler.
      .filter((p) => !METADATA_FILE.test(p))
  );
}

async function callAction(request: APIRequestContext, action: ServedAction) {
  const res = await request.post(`${APP_URL}${action.page}`, {
    headers: {
      "Next-Action": action.id,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      Origin: APP_URL,
    },
    data: JSON.stringify([{}]),
  });
  const text = await res.text();
  const code = /"code":"([A-Z_]+)"/.exec(text)?.[1] ?? null;
  const name = /"action":"([^"]+)"/.exec(text)?.[1] ?? null;
  return { status: res.status(), code, name };
}

const rank = (r: MemberRole) => MEMBER_ROLES.indexOf(r);
const sessions = [null, "auditor", "operator"] as const;
const emailFor: Record<"auditor" | "operator", string> = {
  auditor: USERS.auditor.email,
  operator: USERS.operator.email,
};

test("every server action refuses callers without a session or with too small a role", async ({
  playwright,
}) => {
  const actions = servedActions();
  expect(actions.length).toBeGreaterThan(0);
  const nameOf = new Map<string, string>();
  for (const who of sessions) {
    const request = await playwright.request.newContext({ baseURL: APP_URL });
    if (who) await signInApi(request, emailFor[who]);
    for (const action of actions) {
      const { code, name } = await callAction(request, action);
      if (who === null) {
        // Without a session every action must refuse, and say which registry entry it is.
        expect(name, `${action.exportedName} in ${action.page} must go through defineAction`).not.toBeNull();
        expect(
          ACTION_ROLES[name as keyof typeof ACTION_ROLES],
          `${name} must be listed in the registry`,
        ).toBeDefined();
        expect(code, `${name} without a session`).toBe("UNAUTHENTICATED");
        nameOf.set(action.id, name!);
        continue;
      }
      const registered = nameOf.get(action.id)!;
      const required = ACTION_ROLES[registered as keyof typeof ACTION_ROLES] as MemberRole;
      if (rank(who) < rank(required)) expect(code, `${registered} as ${who}`).toBe("FORBIDDEN");
      else
        expect(
          ["UNAUTHENTICATED", "FORBIDDEN"],
          `${registered} as ${who} passes the role check`,
        ).not.toContain(code);
    }
    await request.dispose();
  }
  expect([...new Set(nameOf.values())].sort()).toEqual(Object.keys(ACTION_ROLES).sort());
});

test("every route handler refuses callers without a session or with too small a role", async ({
  playwright,
}) => {
  const registered = Object.keys(ROUTE_ROLES).map((k) => k.split(" ")[1]);
  for (const route of servedRoutes())
    expect(registered, `${route} must be listed in ROUTE_ROLES`).toContain(route);
  for (const who of sessions) {
    const request = await playwright.request.newContext({ baseURL: APP_URL });
    if (who) await signInApi(request, emailFor[who]);
    for (const [key, required] of Object.entries(ROUTE_ROLES) as [string, MemberRole][]) {
      const [method, route] = key.split(" ");
      const url = route.replace(/\[[^\]]+\]/g, "does-not-exist");
      const res = await request.fetch(url, { method });
      if (who === null) expect(res.status(), `${key} without a session`).toBe(401);
      else if (rank(who) < rank(required)) expect(res.status(), `${key} as ${who}`).toBe(403);
      else expect([401, 403], `${key} as ${who}`).not.toContain(res.status());
    }
    await request.dispose();
  }
});
