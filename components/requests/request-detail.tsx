"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import type { RequestView, RevealedSecret } from "@/lib/changes/types";
import type { MemberRole } from "@/lib/auth/roles";
import type { Result } from "@/lib/actions/result";
import {
  abandonRequestAction,
  approveRequestAction,
  executeRequestAction,
  reissueCredentialsAction,
  rejectRequestAction,
  replanRequestAction,
  resubmitRequestAction,
  retryRequestAction,
} from "@/app/(console)/requests/actions";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { useServerAction, type CallOptions } from "@/components/ui/use-server-action";
import { requestKeys } from "./query-keys";
import { RequestStatusBadge } from "./status-badge";
import { PlanTable } from "./plan-table";
import { ReasonDialog } from "./reason-dialog";
import { CredentialHandOff } from "./credential-handoff";
import { RejectedNotice } from "./rejected-notice";
import { Time } from "@/components/ui/time";

async function fetchRequest(id: string): Promise<RequestView> {
  const res = await fetch(`/api/requests/${id}`, { cache: "no-store" });
  if (!res.ok) throw new Error(`Could not load the request (${res.status})`);
  return res.json();
}

type Me = { email: string; role: MemberRole };

/**
 * The names of the accounts a request's steps act in, read off their titles ("staging
 * (222222222222): …", as withAccountTitles writes them), so the hand-off can name each account.
 */
function accountNames(request: RequestView): Record<string, string> {
  const names: Record<string, string> = {};
  for (const s of request.steps) {
    const prefix = s.accountId ? ` (${s.accountId}): ` : null;
    const at = prefix ? s.title.indexOf(prefix) : -1;
    if (s.accountId && at > 0) names[s.accountId] = s.title.slice(0, at);
  }
  return names;
}

export function RequestDetail({
  initial,
  me,
  singleAdminMode,
  accountId,
}: {
  initial: RequestView;
  me: Me;
  singleAdminMode: boolean;
  accountId: string | null;
}) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const { run: call, pending } = useServerAction();
  const [secrets, setSecrets] = useState<RevealedSecret[]>([]);
  const [dialog, setDialog] = useState<"reject" | "abandon" | null>(null);
  const { data: request = initial } = useQuery({
    queryKey: requestKeys.detail(initial.id),
    queryFn: () => fetchRequest(initial.id),
    initialData: initial,
    // Poll fast while an execution runs (ours, or another admin's / the resume loop's).
    // A scheduled request changes when Gatehouse runs it: look again now and then, not constantly.
    refetchInterval: (q) =>
      pending || q.state.data?.status === "executing"
        ? 800
        : q.state.data?.status === "waiting"
          ? 5_000
          : false,
  });

  const admin = me.role === "admin";
  const mine = request.requester === me.email;
  const approvedByMe = request.approvals.some(
    (a) => a.approver === me.email && a.decision === "approved" && a.counts,
  );
  const canApprove = admin && request.status === "pending" && (!mine || singleAdminMode) && !approvedByMe;
  // An admin looking at their own pending request, with self-approval off: say why there is no Approve.
  const needsAnotherAdmin = admin && request.status === "pending" && mine && !singleAdminMode;
  const canExecute =
    admin && (request.status === "approved" || (request.status === "executing" && !request.leaseActive));
  // Anyone who may request changes may refresh a plan that has not started against IAM as it is now.
  const canReplan = me.role !== "auditor" && (request.status === "pending" || request.status === "approved");
  const canRetry = admin && request.status === "failed";
  // A stalled run (its approval stopped counting, or nobody continues it) can be given up too.
  const canAbandon = canRetry || (admin && request.status === "executing" && !request.leaseActive);
  // Whoever may request changes may ask again for a rejected one (a new request, planned afresh).
  const canResubmit = me.role !== "auditor" && request.status === "rejected";
  // Credentials issued and never marked handed over, and not on this screen now: say so, offer new ones.
  const lostCredentials = secrets.length === 0 ? request.credentialsNotHandedOver : [];

  function refresh(next?: RequestView) {
    if (next) queryClient.setQueryData(requestKeys.detail(request.id), next);
    else void queryClient.invalidateQueries({ queryKey: requestKeys.detail(request.id) });
  }

  // Every action here refreshes the request afterwards, whatever its outcome.
  function act<I, O>(
    action: (input: I) => Promise<Result<O>>,
    input: I,
    onSuccess: CallOptions<O>["onSuccess"],
  ) {
    call(action, input, { onSuccess, onSettled: () => refresh() });
  }

  function execute(retry: boolean) {
    run(retry ? retryRequestAction : executeRequestAction);
  }

  function run(action: typeof executeRequestAction) {
    act(action, { id: request.id }, (data) => {
      refresh(data.request);
      if (data.secrets.length) setSecrets(data.secrets);
      if (data.request.status === "succeeded") toast.success("Request done");
      else if (data.request.status === "failed") toast.error("A step failed; see the plan below");
    });
  }

  return (
    <>
      <PageHeader
        title={`#${request.number} ${request.summary}`}
        description={
          <>
            Requested by <strong>{request.requester}</strong> · {request.kindLabel} · created{" "}
            <Time value={request.createdAt} />
          </>
        }
        actions={<RequestStatusBadge status={request.status} />}
      />
      <div className="space-y-6">
        {request.status === "rejected" && (
          <RejectedNotice
            request={request}
            pending={pending}
            onResubmit={
              canResubmit
                ? () =>
                    call(
                      resubmitRequestAction,
                      { id: request.id },
                      {
                        onSuccess: (next) => {
                          toast.success(`Resubmitted as request #${next.number}`);
                          router.push(`/requests/${next.id}`);
                        },
                      },
                    )
                : undefined
            }
          />
        )}
        {secrets.length > 0 && (
          <CredentialHandOff
            requestId={request.id}
            secrets={secrets}
            accountId={accountId}
            accountNames={accountNames(request)}
            onDone={() => setSecrets([])}
            onMarked={() => refresh()}
          />
        )}
        {lostCredentials.length > 0 && (
          <section
            role="region"
            aria-label="Credentials not handed over"
            className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900"
          >
            <h2 className="font-semibold">Credentials not handed over</h2>
            <p className="mt-1">
              The one-time credentials for <strong>{lostCredentials.join(", ")}</strong> were issued but never
              marked handed over: they may never have reached anyone (the page was closed or left before they
              were shown). Gatehouse did not keep them.
              {admin
                ? " Re-issuing creates new ones and makes the old ones useless."
                : " An admin can re-issue them."}
            </p>
            {admin && (
              <div className="mt-3">
                <ConfirmButton
                  label="Re-issue credentials"
                  variant="primary"
                  disabled={pending || request.leaseActive}
                  title={`Issue new credentials for ${lostCredentials.join(", ")}?`}
                  body="The earlier ones stop working: the password is replaced and the access key deleted. The new ones are shown once, here."
                  confirm="Issue new credentials"
                  onConfirm={() => run(reissueCredentialsAction)}
                />
              </div>
            )}
          </section>
        )}
        <Card
          title="Plan"
          description={
            request.status === "pending"
              ? "Nothing runs until the plan is approved. Approval is bound to exactly these steps."
              : undefined
          }
          actions={
            <div className="flex flex-wrap gap-2">
              {canApprove && (
                <Button
                  disabled={pending}
                  onClick={() =>
                    act(approveRequestAction, { id: request.id, planHash: request.planHash }, (r) => {
                      refresh(r);
                      toast.success(mine ? "Approved (self-approval, recorded)" : "Approved");
                    })
                  }
                >
                  {mine ? "Approve my own request" : "Approve"}
                </Button>
              )}
              {admin && request.status === "pending" && (
                <Button variant="secondary" disabled={pending} onClick={() => setDialog("reject")}>
                  Reject
                </Button>
              )}
              {canReplan && (
                <Button
                  variant="secondary"
                  disabled={pending}
                  onClick={() =>
                    act(replanRequestAction, { id: request.id }, (r) => {
                      const changed = r.planHash !== request.planHash;
                      refresh(r);
                      if (changed)
                        toast.warning(
                          "IAM has changed since this was planned: the plan is new, and earlier approvals no longer count.",
                        );
                      else toast.success("The plan still matches IAM: nothing changed.");
                    })
                  }
                >
                  Re-plan from IAM
                </Button>
              )}
              {canExecute && (
                <Button disabled={pending} onClick={() => execute(false)}>
                  {pending ? "Running…" : request.status === "executing" ? "Continue" : "Execute"}
                </Button>
              )}
              {canRetry && (
                <Button disabled={pending} onClick={() => execute(true)}>
                  Retry from the failed step
                </Button>
              )}
              {canAbandon && (
                <Button variant="secondary" disabled={pending} onClick={() => setDialog("abandon")}>
                  Abandon
                </Button>
              )}
            </div>
          }
        >
          {needsAnotherAdmin && (
            <p
              role="status"
              data-testid="needs-another-admin"
              className="mb-3 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700"
            >
              You requested this, so you cannot approve it: a request needs an admin other than its requester.
              If you are genuinely the only admin, you can turn on Single-admin mode at{" "}
              <Link href="/settings/approvals" className="font-medium underline">
                Settings → Approval rules
              </Link>
              .
            </p>
          )}
          {request.status === "waiting" && request.wakeAt && (
            <p
              role="status"
              data-testid="request-scheduled"
              className="mb-3 rounded-md bg-indigo-50 px-3 py-2 text-sm text-indigo-900"
            >
              Scheduled: the next step runs at <Time value={request.wakeAt} />. Gatehouse runs it then, on
              whichever instance is up; nobody needs to press anything.
            </p>
          )}
          {request.waitingForAdmin && (
            <p role="status" className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
              The next step creates a credential, which is shown only to the admin who runs it. Press Continue
              to run it.
            </p>
          )}
          <PlanTable steps={request.steps} />
        </Card>
        <Card
          title="Approvals"
          description={`${request.approvalsCounted} of ${request.approvalsRequired} needed`}
        >
          {request.approvals.length === 0 ? (
            <p className="text-sm text-slate-600">
              No decisions yet.{!admin && " An admin approves or rejects requests."}
            </p>
          ) : (
            <ul className="space-y-2 text-sm" data-testid="approvals">
              {request.approvals.map((a) => (
                <li key={`${a.approver}-${a.at}`} className={a.counts ? "" : "text-slate-400 line-through"}>
                  <strong>{a.approver}</strong> {a.decision}
                  {a.selfApproved &&
                    (a.reason
                      ? ` their own request (${a.reason})`
                      : " their own request (single-admin mode)")}{" "}
                  on <Time value={a.at} />
                  {a.reason && !a.selfApproved && <> — “{a.reason}”</>}
                  {!a.counts && a.notCounting && ` (no longer counts: ${a.notCounting})`}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      {dialog && (
        <ReasonDialog
          title={dialog === "reject" ? "Reject this request?" : "Abandon this request?"}
          body={
            dialog === "reject"
              ? "The requester sees your reason. Nothing in IAM changes."
              : "Steps already done stay done; the rest will not run. Say why for the audit log."
          }
          confirm={dialog === "reject" ? "Reject" : "Abandon"}
          onCancel={() => setDialog(null)}
          onConfirm={(reason) => {
            setDialog(null);
            act(
              dialog === "reject" ? rejectRequestAction : abandonRequestAction,
              { id: request.id, reason },
              (r) => refresh(r),
            );
          }}
        />
      )}
    </>
  );
}
