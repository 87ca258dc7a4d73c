"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { PlanPreview } from "@/lib/changes";
import { createRequestAction, previewRequestAction } from "@/app/(console)/requests/actions";
import { AccountCheckboxes, type AccountChoice } from "@/components/accounts/account-checkboxes";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { Modal } from "@/components/ui/modal";
import { useServerAction } from "@/components/ui/use-server-action";
import { JobRoleMfaButton } from "@/components/credentials/require-mfa-button";

export type JobRoleRow = {
  name: string;
  groupName: string;
  accounts: string[] | null;
  /** Its group holds GatehouseRequireMFA (the "Require MFA" option, a request to change). */
  mfaRequired?: boolean;
};

/**
 * The job roles and the accounts their groups are in; operators and admins change those with
 * "Accounts" (a jobrole.accounts request: reviewed as a plan first, then submitted for approval).
 */
export function JobRolesTable({
  jobRoles,
  accounts,
  canPropose,
}: {
  jobRoles: JobRoleRow[];
  accounts: AccountChoice[];
  canPropose: boolean;
}) {
  const home = accounts.find((a) => a.home);
  const nameOf = (id: string) => accounts.find((a) => a.id === id)?.name ?? `Account ${id} (not managed)`;
  // Changing accounts means there is more than one to choose from.
  const editable = canPropose && accounts.length > 1;
  return (
    <DataTable
      columns={[
        "Job role",
        "Group",
        "Accounts",
        "Require MFA",
        ...(editable ? [{ label: "Changes", srOnly: true }] : []),
      ]}
    >
      {jobRoles.map((r) => {
        const current = r.accounts ?? (home ? [home.id] : []);
        return (
          <tr key={r.name} className="align-top" data-testid="job-role-row" data-job-role={r.name}>
            <td className="px-4 py-3 font-medium">{r.name}</td>
            <td className="py-3 pr-4 font-mono text-xs">{r.groupName}</td>
            <td className="py-3 pr-4">
              {r.accounts ? r.accounts.map(nameOf).join(", ") : "Gatehouse's own account"}
            </td>
            <td className="py-3 pr-4" data-testid="job-role-mfa">
              <span className="mr-2 text-xs text-slate-600">
                {r.mfaRequired ? "Required" : "Not required"}
              </span>
              {canPropose && <JobRoleMfaButton jobRole={r.name} required={!!r.mfaRequired} />}
            </td>
            {editable && (
              <td className="py-3 pr-4">
                <JobRoleAccounts jobRole={r.name} current={current} accounts={accounts} />
              </td>
            )}
          </tr>
        );
      })}
    </DataTable>
  );
}

/** "Accounts" for one job role: pick the new set, review the plan read from IAM, request it. */
export function JobRoleAccounts({
  jobRole,
  current,
  accounts,
}: {
  jobRole: string;
  current: string[];
  accounts: AccountChoice[];
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string[]>(current);
  const [plan, setPlan] = useState<PlanPreview | null>(null);
  const { run, pending, error, fieldErrors, reset } = useServerAction();
  const input = { jobRole, accounts: chosen };

  function choose(ids: string[]) {
    // A plan read for another set no longer says what would happen.
    setChosen(ids);
    setPlan(null);
    reset();
  }

  function review() {
    setPlan(null);
    run(previewRequestAction, { kind: "jobrole.accounts", input }, { toastError: false, onSuccess: setPlan });
  }

  function submit() {
    run(
      createRequestAction,
      { kind: "jobrole.accounts", input },
      {
        success: (r) => `Request #${r.number} created: waiting for approval`,
        onSuccess: (r) => router.push(`/requests/${r.id}`),
      },
    );
  }

  const fieldError = [...(fieldErrors.accounts ?? []), ...(fieldErrors.jobRole ?? [])];
  return (
    <>
      <Button
        variant="secondary"
        aria-label={`Change the accounts of ${jobRole}`}
        onClick={() => {
          choose(current);
          setOpen(true);
        }}
      >
        Accounts
      </Button>
      <Modal
        open={open}
        onOpenChange={setOpen}
        title={`Accounts of ${jobRole}`}
        description="Where the job role's group exists. An added account gets the group and its policies; a removed one loses the group, only if nobody is in it there."
      >
        <div className="space-y-4">
          <AccountCheckboxes
            accounts={accounts}
            legend="Accounts"
            value={chosen}
            onChange={choose}
            error={fieldError.length ? fieldError : undefined}
          />
          {error && !fieldError.length && (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              {error}
            </p>
          )}
          {plan && (
            <div aria-live="polite">
              <p className="text-sm font-medium text-slate-800">{plan.summary}</p>
              {plan.steps.length === 0 ? (
                <p className="mt-1 text-sm text-slate-600">
                  No IAM change: the group already there carries exactly the job role&apos;s policies, so it
                  is taken as the job role&apos;s. The request records the new accounts.
                </p>
              ) : (
                <ol
                  className="mt-1 max-h-64 list-decimal space-y-1 overflow-y-auto pl-6 text-sm"
                  data-testid="job-role-accounts-plan"
                >
                  {plan.steps.map((s) => (
                    <li key={s.order}>{s.title}</li>
                  ))}
                </ol>
              )}
            </div>
          )}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            {plan ? (
              <Button type="button" onClick={submit} disabled={pending}>
                {pending ? "Requesting…" : "Request the change"}
              </Button>
            ) : (
              <Button type="button" onClick={review} disabled={pending || chosen.length === 0}>
                {pending ? "Reading IAM…" : "Review the change"}
              </Button>
            )}
          </div>
        </div>
      </Modal>
    </>
  );
}
