import type { RequestView } from "@/lib/changes/types";
import { Button } from "@/components/ui/button";
import { Time } from "@/components/ui/time";

/**
 * A rejected request says so first: who rejected it, when, and their reason, where the
 * requester looks. `onResubmit` (for those who may request changes) asks again: the same change
 * planned from IAM as it is now, as a new request that needs its own approval.
 */
export function RejectedNotice({
  request,
  pending,
  onResubmit,
}: {
  request: RequestView;
  pending: boolean;
  onResubmit?: () => void;
}) {
  const rejection = request.approvals.findLast((a) => a.decision === "rejected");
  return (
    <section
      aria-labelledby="rejected-heading"
      data-testid="rejected-notice"
      className="rounded-lg border border-red-300 bg-red-50 p-4 text-red-950"
    >
      <h2 id="rejected-heading" className="font-semibold">
        Rejected
        {rejection && (
          <>
            {" "}
            by {rejection.approver} on <Time value={rejection.at} />
          </>
        )}
      </h2>
      <blockquote className="mt-2 border-l-4 border-red-400 pl-3 text-base" data-testid="rejection-reason">
        {rejection?.reason ?? "No reason was recorded."}
      </blockquote>
      <p className="mt-3 text-sm">
        Nothing in IAM changed. Resubmitting plans the same change again from IAM as it is now, as a new
        request that needs its own approval; to ask for something different, start a new request where the
        change is made.
      </p>
      {onResubmit && (
        <Button className="mt-3" disabled={pending} onClick={onResubmit}>
          Re-plan and resubmit
        </Button>
      )}
    </section>
  );
}
