import pino from "pino";
import { env } from "@/lib/env";

// Structured server log. Anything that looks like a credential is redacted by path, as a second
// line of defence: secrets are never passed to the logger in the first place.
const REDACT = [
  "password",
  "secret",
  "SecretAccessKey",
  "secretAccessKey",
  "Password",
  "authorization",
  "cookie",
];

let instance: pino.Logger | undefined;

/** The server logger, created on first use (configuration is not read at import time). */
export function log(): pino.Logger {
  instance ??= pino({
    level: env().LOG_LEVEL,
    base: undefined,
    redact: { paths: REDACT.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]), censor: "[redacted]" },
  });
  return instance;
}
