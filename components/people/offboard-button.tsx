"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { PlanPreview } from "@/lib/changes";
import { createRequestAction, previewRequestAction } from "@/app/(console)/requests/actions";
import { startOffboardingAction } from "@/app/(console)/people/offboard-actions";
import { Button } from "@/components/ui/button";
import { Modal } from "@/components/ui/modal";
import { useServerAction } from "@/components/ui/use-server-action";

type Mode = "delete" | "disable";

/** Accounts the plan could not read (user.offboard's evidence.unread), each problem in words. */
const unreadProblems = (plan: PlanPreview) =>
  Object.values((plan.evidence.unread ?? {}) as Record<string, string>);

/**
 * "Offboard" on a person's page: shows the plan computed from live IAM state, asks once, then
 * (admin) approves and starts it in the same click, or (operator) submits it for approval.
 */
export function OffboardButton({
  name,
  userName,
  employeeId,
  accounts,
  users,
  admin,
}: {
  name: string;
  userName: string;
  employeeId: string;
  /** The AWS accounts to offboard from (all that Gatehouse manages); absent: the app's own only. */
  accounts?: string[];
  /** The person's linked user in an account where it has another name (offboardTargets). */
  users?: { accountId: string; userName: string }[];
  admin: boolean;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<Mode>("delete");
  const [plan, setPlan] = useState<PlanPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { run, pending } = useServerAction();
  const input = (m: Mode) => ({
    userName,
    employeeId,
    mode: m,
    ...(accounts ? { accounts } : {}),
    ...(users ? { users } : {}),
  });

  function preview(m: Mode) {
    setMode(m);
    setPlan(null);
    setError(null);
    // A failed preview is said in the dialog, where the plan would be; a failed start toasts.
    run(
      previewRequestAction,
      { kind: "user.offboard", input: input(m) },
      { toastError: false, onSuccess: setPlan, onError: (f) => setError(f.error) },
    );
  }

  function confirm() {
    const open = (r: { id: string }) => router.push(`/requests/${r.id}`);
    if (admin)
      run(startOffboardingAction, input(mode), {
        success: (r) =>
          r.started
            ? `Offboarding ${name}: request #${r.number} is running`
            : `Request #${r.number} waits for a second admin`,
        onSuccess: open,
      });
    else
      run(
        createRequestAction,
        { kind: "user.offboard", input: input(mode) },
        { success: (r) => `Offboarding requested: #${r.number} waits for an admin`, onSuccess: open },
      );
  }

  return (
    <>
      <Button
        variant="danger"
        onClick={() => {
          setOpen(true);
          preview(mode);
        }}
      >
        {admin ? "Offboard" : "Request offboarding"}
      </Button>
      <Modal
        open={open}
        onOpenChange={setOpen}
        title={`Offboard ${name}?`}
        description={`The plan below was read from IAM just now for ${[userName, ...(users ?? []).filter((u) => u.userName !== userName).map((u) => `${u.userName} (account ${u.accountId})`)].join(", ")}. It locks ${name} out first, then removes everything.`}
      >
        <fieldset className="mb-3 flex gap-4 text-sm" disabled={pending}>
          <label className="flex items-center gap-1.5">
            <input type="radio" name="mode" checked={mode === "delete"} onChange={() => preview("delete")} />{" "}
            Delete the IAM user
          </label>
          <label className="flex items-center gap-1.5">
            <input
              type="radio"
              name="mode"
              checked={mode === "disable"}
              onChange={() => preview("disable")}
            />{" "}
            Disable only (keep it locked, for investigations)
          </label>
        </fieldset>
        {error && (
          <p role="alert" className="mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        )}
        {!plan && !error && <p className="text-sm text-slate-500">Reading {userName} from IAM…</p>}
        {plan && unreadProblems(plan).length > 0 && (
          <div role="alert" className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            <p className="font-medium">Not every account could be read just now:</p>
            <ul className="list-disc pl-5">
              {unreadProblems(plan).map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
            <p className="mt-1">
              There the user is deleted when its step runs: Gatehouse reads the account then, deactivates the
              keys and removes what hangs on the user first. If the account still cannot be reached, only its
              steps fail, and they can be retried.
            </p>
          </div>
        )}
        {plan && (
          <ol
            className="max-h-72 list-decimal space-y-1 overflow-y-auto pl-6 text-sm"
            data-testid="offboard-plan"
          >
            {plan.steps.map((s) => (
              <li key={s.order}>
                {s.title}
                {s.dependsOn.length > 0 && (
                  <span className="text-xs text-slate-500"> · after {s.dependsOn.join(", ")}</span>
                )}
              </li>
            ))}
          </ol>
        )}
        <div className="mt-4 flex justify-end gap-2">
          {/* Focus starts on Cancel: Enter never confirms a removal by default. */}
          <Button variant="secondary" data-autofocus onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button variant="danger" disabled={pending || !plan} onClick={confirm}>
            {admin ? `Offboard ${name} now` : "Submit for approval"}
          </Button>
        </div>
      </Modal>
    </>
  );
}
