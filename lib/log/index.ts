import pino from "pino";
import { env } from "@/lib/env";

// Structured server log. Anything that looks like a credential is redacted by path, as a second
// line of defence: secrets are never passed to the logger in the first place.
export const log = pino({
  level: env().LOG_LEVEL,
  base: undefined,
  redact: {
    paths: [
      "password",
      "*.password",
      "secret",
      "*.secret",
      "SecretAccessKey",
      "*.SecretAccessKey",
      "*.*.SecretAccessKey",
      "secretAccessKey",
      "*.secretAccessKey",
      "Password",
      "*.Password",
      "authorization",
      "*.authorization",
      "cookie",
      "*.cookie",
    ],
    censor: "[redacted]",
  },
});
