import "server-only";
import { NextResponse } from "next/server";
import { requireActor, type Actor } from "@/lib/auth/session";
import { log } from "@/lib/log";
import { UserError } from "@/lib/errors";
import { ROUTE_ROLES, type RouteName } from "./registry";

const STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  INVALID_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

type Ctx<P> = { params: Promise<P> };

/** Every route handler goes through this: session + role from the registry, errors mapped once. */
export function defineRoute<P = Record<string, never>>(
  name: RouteName,
  handler: (req: Request, actor: Actor, params: P) => Promise<Response>,
) {
  const role = ROUTE_ROLES[name];
  return async (req: Request, ctx: Ctx<P>): Promise<Response> => {
    try {
      const actor = await requireActor(role);
      return await handler(req, actor, await ctx.params);
    } catch (e) {
      if (e instanceof UserError) {
        return NextResponse.json(
          { ok: false, code: e.code, error: e.message },
          { status: STATUS[e.code] ?? 400 },
        );
      }
      log().error(
        { route: name, err: e instanceof Error ? { message: e.message, stack: e.stack } : String(e) },
        "route failed",
      );
      return NextResponse.json(
        { ok: false, code: "INTERNAL", error: "Something went wrong." },
        { status: 500 },
      );
    }
  };
}
