import { randomBytes } from "node:crypto";
import { isoTime } from "../http/xml";
import { newSecret, newSessionKeyId } from "./ids";
import type { Ctx } from "./state";
import type { Session } from "./types";

/** Hands out temporary credentials (ASIA key, secret, token) for `who`, for `seconds`. */
export function issueSession(
  ctx: Ctx,
  who: Pick<Session, "user" | "role" | "sessionName" | "mfa">,
  seconds: number,
) {
  const accessKeyId = newSessionKeyId();
  const session: Session = {
    ...who,
    secret: newSecret(),
    token: "IQoJb3JpZ2luX2VjE" + randomBytes(240).toString("base64"),
    issued: ctx.now,
    expires: ctx.now + seconds * 1000,
  };
  const sessions = (ctx.state.sessions ??= new Map());
  for (const [id, old] of sessions) if (old.expires <= ctx.now) sessions.delete(id);
  sessions.set(accessKeyId, session);
  return {
    AccessKeyId: accessKeyId,
    SecretAccessKey: session.secret,
    SessionToken: session.token,
    Expiration: isoTime(session.expires),
  };
}
