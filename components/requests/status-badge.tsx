import { Badge } from "@/components/ui/badge";
import type { RequestStatus, StepStatus } from "@/lib/changes/types";

const REQUEST: Record<
  RequestStatus,
  { tone: "neutral" | "green" | "amber" | "red" | "indigo"; label: string }
> = {
  pending: { tone: "amber", label: "Awaiting approval" },
  approved: { tone: "indigo", label: "Approved" },
  rejected: { tone: "red", label: "Rejected" },
  expired: { tone: "neutral", label: "Expired" },
  executing: { tone: "indigo", label: "In progress" },
  waiting: { tone: "indigo", label: "Scheduled" },
  succeeded: { tone: "green", label: "Done" },
  failed: { tone: "red", label: "Failed" },
  abandoned: { tone: "neutral", label: "Abandoned" },
};

const STEP: Record<StepStatus, { tone: "neutral" | "green" | "amber" | "red" | "indigo"; label: string }> = {
  pending: { tone: "neutral", label: "Not run" },
  running: { tone: "indigo", label: "Running" },
  done: { tone: "green", label: "Done" },
  failed: { tone: "red", label: "Failed" },
  skipped: { tone: "neutral", label: "Skipped" },
};

export const RequestStatusBadge = ({ status }: { status: RequestStatus }) => (
  <span data-testid="request-status" data-status={status}>
    <Badge tone={REQUEST[status].tone}>{REQUEST[status].label}</Badge>
  </span>
);
export const StepStatusBadge = ({ status }: { status: StepStatus }) => (
  <Badge tone={STEP[status].tone}>{STEP[status].label}</Badge>
);
