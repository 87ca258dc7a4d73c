import { env } from "@/lib/env";
import { OutboundRefused, postJson, resolvedProblem, type OutboundPolicy } from "@/lib/security/outbound";
import { config } from "./context";
import { getSettings } from "./settings";
import type { ChangeSettings } from "./types";

// Slack-compatible notifications ({ text }). Best effort: a failing webhook is logged and never
// blocks or fails the change it reports on. Texts carry summaries only, never secrets.
// The URL is an admin's input that the server calls, so it goes through lib/security/outbound
// (https, public addresses only, no redirects); it carries a token, so it never leaves the
// server again: pages and actions see only whether one is set (publicSettings).

function webhookPolicy(): OutboundPolicy {
  const e = env();
  return {
    devHosts: e.WEBHOOK_DEV_HOSTS,
    allowedHosts: e.WEBHOOK_ALLOWED_HOSTS.length ? e.WEBHOOK_ALLOWED_HOSTS : null,
  };
}

/** Why `url` cannot be the webhook (null = it can): checked, host resolved, when it is saved. */
export function webhookUrlProblem(url: string, policy = webhookPolicy()): Promise<string | null> {
  return resolvedProblem(url, policy);
}

/** The settings as the browser may see them: the webhook URL (it carries a token) only as "set". */
export type PublicChangeSettings = Omit<ChangeSettings, "webhookUrl"> & { webhookSet: boolean };

export function publicSettings({ webhookUrl, ...rest }: ChangeSettings): PublicChangeSettings {
  return { ...rest, webhookSet: webhookUrl !== null };
}

export function notify(text: string): void {
  void send(text);
}

/** Delivers one notification; never throws. Exported for tests, which await it. */
export async function send(text: string, policy = webhookPolicy()): Promise<void> {
  try {
    const { webhookUrl } = await getSettings();
    if (!webhookUrl) return;
    const { status } = await postJson(webhookUrl, { text }, policy);
    if (status >= 300 && status < 400)
      config().logger().warn({ status }, "changes: webhook answered with a redirect, which is not followed");
    else if (status >= 400) config().logger().warn({ status }, "changes: webhook refused the notification");
  } catch (e) {
    if (e instanceof OutboundRefused)
      config().logger().warn({ reason: e.message }, "changes: webhook URL refused");
    else
      config()
        .logger()
        .warn({ err: e instanceof Error ? e.name : "error" }, "changes: webhook failed");
  }
}
