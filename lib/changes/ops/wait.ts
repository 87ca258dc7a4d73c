import { z } from "zod";
import { config } from "../context";
import { formatTime } from "@/lib/format-time";
import { defineOp } from "./types";

// Time in a plan. A Wait step writes nothing to IAM: it holds the steps that depend on it until
// its end, and while it waits the request is `waiting` and the resume loop wakes it (README.md,
// "Time in requests"). Its params are hashed with the plan, so the approval covers the duration or
// the cut-off; only an audited reschedule (schedule.ts: end early, extend, move a cut-off) moves
// the end afterwards, and it does so through `result.endsAt`, which then wins over the params.

const params = z
  .object({
    /** What the wait is about, for the audit log: "user/jane", "group/DevOps". */
    subject: z.string().min(1).max(200),
    /** An instant (a dated offboarding's cut-off)… */
    until: z.iso.datetime({ offset: true }).optional(),
    /** …or a duration counted from when the steps before it are done (a grant's length). */
    seconds: z
      .number()
      .int()
      .positive()
      .max(366 * 24 * 3600)
      .optional(),
  })
  .refine((p) => (p.until === undefined) !== (p.seconds === undefined), {
    message: "A wait has either an end (until) or a duration (seconds)",
  });

/** "4 h", "2 min", "1 d 2 h": a wait's length in a step title. */
export function formatDuration(seconds: number): string {
  const parts: string[] = [];
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  if (d) parts.push(`${d} d`);
  if (h) parts.push(`${h} h`);
  if (m || parts.length === 0) parts.push(`${m || Math.max(1, Math.round(seconds / 60))} min`);
  return parts.join(" ");
}

export const waitOps = {
  Wait: defineOp({
    iam: [],
    resource: "user",
    params,
    title: (p) =>
      p.until
        ? `Wait until ${formatTime(p.until)}`
        : `Wait ${formatDuration(p.seconds!)} from the steps before`,
    target: (p) => p.subject,
    async run(p, ctx) {
      // The end is fixed the first time the step runs (its dependencies just finished) and kept in
      // the step's result, so a crash, a restart or another instance waits for the same end.
      const stored = ctx.previousResult?.endsAt;
      const endsAt =
        typeof stored === "string"
          ? new Date(stored)
          : p.until
            ? new Date(p.until)
            : new Date(ctx.stepStartedAt.getTime() + p.seconds! * 1000);
      if (config().now() >= endsAt) return { status: "done", result: { endsAt: endsAt.toISOString() } };
      return {
        status: "waiting",
        until: endsAt,
        note: `Waits until ${formatTime(endsAt)}`,
        result: { endsAt: endsAt.toISOString() },
      };
    },
  }),
};
