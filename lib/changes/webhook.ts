import { config } from "./context";
import { getSettings } from "./settings";

// Slack-compatible notifications ({ text }). Best effort: a failing webhook is logged and never
// blocks or fails the change it reports on. Texts carry summaries only, never secrets.

export function notify(text: string): void {
  void send(text);
}

async function send(text: string): Promise<void> {
  try {
    const { webhookUrl } = await getSettings();
    if (!webhookUrl) return;
    const res = await fetch(webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text }),
      signal: AbortSignal.timeout(5_000),
    });
    if (!res.ok) config().logger().warn({ status: res.status }, "changes: webhook refused the notification");
  } catch (e) {
    config().logger().warn({ err: e instanceof Error ? e.name : "error" }, "changes: webhook failed");
  }
}
