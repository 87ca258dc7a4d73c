import type { XmlValue } from "../http/xml";
import type { Ctx } from "./state";

/** One IAM action: reads its parameters from ctx.p, changes ctx.state, returns the <XResult> body. */
export type Handler = (ctx: Ctx) => XmlValue | Promise<XmlValue>;
export type HandlerTable = Record<string, Handler>;
