"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import type { PlanPreview } from "@/lib/changes/requests";
import { createRequestAction, previewRequestAction } from "@/app/(console)/requests/actions";
import { startOffboardingAction } from "@/app/(console)/people/offboard-actions";
import { Button } from "@/components/ui/button";
import { Modal } from "@/components/ui/modal";

type Mode = "delete" | "disable";

/**
 * "Offboard" on a person's page: shows the plan computed from live IAM state, asks once, then
 * (admin) approves and starts it in the same click, or (operator) submits it for approval.
 */
export function OffboardButton({
  name,
  userName,
  employeeId,
  admin,
}: {
  name: string;
  userName: string;
  employeeId: string;
  admin: boolean;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<Mode>("delete");
  const [plan, setPlan] = useState<PlanPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const input = (m: Mode) => ({ userName, employeeId, mode: m });

  function preview(m: Mode) {
    setMode(m);
    setPlan(null);
    setError(null);
    start(async () => {
      const res = await previewRequestAction({ kind: "user.offboard", input: input(m) });
      if (res.ok) setPlan(res.data);
      else setError(res.error);
    });
  }

  function confirm() {
    start(async () => {
      if (admin) {
        const res = await startOffboardingAction(input(mode));
        if (!res.ok) return void toast.error(res.error);
        toast.success(
          res.data.started
            ? `Offboarding ${name}: request #${res.data.number} is running`
            : `Request #${res.data.number} waits for a second admin`,
        );
        router.push(`/requests/${res.data.id}`);
      } else {
        const res = await createRequestAction({ kind: "user.offboard", input: input(mode) });
        if (!res.ok) return void toast.error(res.error);
        toast.success(`Offboarding requested: #${res.data.number} waits for an admin`);
        router.push(`/requests/${res.data.id}`);
      }
    });
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
        description={`The plan below was read from IAM just now for ${userName}. It locks ${name} out first, then removes everything.`}
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
        {plan && (
          <ol
            className="max-h-72 list-decimal space-y-1 overflow-y-auto pl-6 text-sm"
            data-testid="offboard-plan"
          >
            {plan.steps.map((s) => (
              <li key={s.order}>
                {s.title}
                {s.dependsOn.length > 0 && (
                  <span className="text-xs text-slate-400"> · after {s.dependsOn.join(", ")}</span>
                )}
              </li>
            ))}
          </ol>
        )}
        <div className="mt-4 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setOpen(false)}>
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
