import Link from "next/link";
import type { PersonReview } from "@/lib/review";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { LevelBadge } from "@/components/review/level-badge";

const when = (d: Date | string) => new Date(d).toISOString().slice(0, 16).replace("T", " ") + " UTC";

/** "Out-of-band" beside a group, policy or key an unexplained change is about, as the review flags it. */
export function DriftMark() {
  return (
    <span
      data-testid="drift-mark"
      title="Changed outside Gatehouse (drift)"
      className="ml-1 rounded bg-red-100 px-1 text-xs font-semibold text-red-800"
    >
      out-of-band
    </span>
  );
}

/**
 * The person's effective access by service, from the latest review snapshot: the level and, in
 * short, the why (which policy, through which group), with the full explanation one click away.
 */
export function PersonAccess({ review, userName }: { review: PersonReview | null; userName: string }) {
  const full = `/review/person/${encodeURIComponent(userName)}`;
  if (!review)
    return (
      <Card title="Access by service">
        <p className="text-sm text-slate-600">
          The access review has not read this user yet: it appears after the next sync on the{" "}
          <Link href="/review" className="text-indigo-700 hover:underline">
            Review
          </Link>{" "}
          page.
        </p>
      </Card>
    );
  const { detail, drift } = review;
  return (
    <Card
      title="Access by service"
      description={`What the policies reaching ${detail.user.name} allow, as of the sync of ${when(review.syncedAt)}.`}
      actions={
        <Link href={full} className="shrink-0 text-sm font-medium text-indigo-700 hover:underline">
          Full explanation
        </Link>
      }
    >
      {drift.count > 0 && (
        <div
          data-testid="person-drift"
          className="mb-3 rounded-md border border-red-200 bg-red-50 p-2 text-sm"
        >
          <Badge tone="red">{drift.count} out-of-band change(s)</Badge>
          <ul className="mt-1 list-disc pl-5 text-red-800">
            {drift.items.map((d) => (
              <li key={d.id}>
                {d.summary} (seen {when(d.seenAt)})
              </li>
            ))}
          </ul>
        </div>
      )}
      {detail.notUnderstood.length > 0 && (
        <p role="alert" className="mb-3 rounded-md border-2 border-slate-800 p-2 text-sm">
          Access not understood: {detail.notUnderstood.length} polic
          {detail.notUnderstood.length === 1 ? "y" : "ies"} cannot be evaluated, so there may be more access
          than listed.{" "}
          <Link href={`${full}#not-understood`} className="text-indigo-700 hover:underline">
            Which and why
          </Link>
        </p>
      )}
      {detail.services.length === 0 ? (
        <p className="text-sm text-slate-600">No access to any service.</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm" aria-label="Access by service">
          {detail.services.map((s) => {
            const sources = [
              ...new Set(
                s.why.map(
                  (w) =>
                    `${w.policyName} ${w.via === "direct" ? "(attached to the user)" : `(group ${w.via})`}`,
                ),
              ),
            ];
            return (
              <li
                key={s.service}
                data-testid="person-access-service"
                data-service={s.service}
                className="flex flex-wrap items-center gap-2 py-1.5"
              >
                <LevelBadge
                  level={s.level}
                  selfService={s.selfService}
                  scoped={s.scope === "some"}
                  conditional={s.conditional}
                />
                <Link
                  href={`${full}#service-${s.service}`}
                  className="font-medium text-indigo-700 hover:underline"
                >
                  {s.serviceName}
                </Link>
                <span className="text-xs text-slate-600">via {sources.join(", ")}</span>
                {s.beyondRole && <Badge tone="amber">Beyond the job role</Badge>}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
