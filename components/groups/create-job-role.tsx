"use client";

import type { FormEvent } from "react";
import { AWS_MANAGED_POLICIES } from "@/lib/templates/shared";
import { Field } from "@/components/ui/field";
import { AccountCheckboxes, type AccountChoice } from "@/components/accounts/account-checkboxes";
import { RequestDialog } from "@/components/requests/request-dialog";
import { useCreateRequest, waitingForApproval } from "@/components/requests/use-create-request";

/**
 * `accounts`: the active AWS accounts. With more than the app's own, the admin picks where the
 * group is made; only the app's own checked sends no list (null = the app's own account).
 */
export function CreateJobRole({ templates, accounts }: { templates: string[]; accounts: AccountChoice[] }) {
  const { request, pending, fieldErrors: errors } = useCreateRequest();

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    // FormData values are strings (or files); the action validates them against the kind's schema.
    const text = (k: string) => String(f.get(k) ?? "");
    const chosen = f.getAll("accounts").map(String);
    const homeOnly = chosen.length === 1 && accounts.find((a) => a.id === chosen[0])?.home;
    request(
      {
        kind: "group.create",
        input: {
          jobRole: text("jobRole"),
          groupName: text("groupName"),
          description: text("description"),
          templates: f.getAll("templates").map(String),
          managedPolicyArns: f.getAll("managedPolicyArns").map(String),
          console: f.get("console") === "on",
          programmatic: f.get("programmatic") === "on",
          ...(accounts.length > 1 && !homeOnly ? { accounts: chosen } : {}),
        },
      },
      { success: waitingForApproval },
    );
  }

  return (
    <RequestDialog
      label="Create job role"
      submit="Request the job role"
      pending={pending}
      onSubmit={onSubmit}
      formClassName="max-h-[70vh] space-y-4 overflow-y-auto pr-1"
      title="Create a job role"
      description="An IAM group with published templates attached. Onboarding uses the access defaults."
    >
      <div className="grid gap-3 md:grid-cols-2">
        <Field label="Job role" error={errors.jobRole}>
          <input name="jobRole" required maxLength={64} className="input" placeholder="Data analyst" />
        </Field>
        <Field label="IAM group name" error={errors.groupName}>
          <input name="groupName" required maxLength={128} className="input" placeholder="DataAnalysts" />
        </Field>
      </div>
      <Field label="Description" error={errors.description}>
        <input name="description" maxLength={500} className="input" />
      </Field>
      {accounts.length > 1 && (
        <AccountCheckboxes
          accounts={accounts}
          name="accounts"
          legend="Accounts"
          hint="The group (and its policies) is created in each; onboarding into this job role defaults to them."
          defaultValue={accounts.filter((a) => a.home).map((a) => a.id)}
          error={errors.accounts}
        />
      )}
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Policy templates (published)</legend>
        {templates.length === 0 && <p className="text-sm text-slate-500">No published templates yet.</p>}
        {templates.map((t) => (
          <label key={t} className="mt-1 flex items-center gap-2 text-sm">
            <input type="checkbox" name="templates" value={t} /> {t}
          </label>
        ))}
        {errors.templates && (
          <p role="alert" className="text-xs text-red-600">
            {errors.templates.join(" ")}
          </p>
        )}
      </fieldset>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">AWS-managed policies</legend>
        {AWS_MANAGED_POLICIES.map((p) => (
          <label key={p.arn} className="mt-1 flex items-center gap-2 text-sm">
            <input type="checkbox" name="managedPolicyArns" value={p.arn} /> {p.name}
          </label>
        ))}
      </fieldset>
      <fieldset className="flex gap-6 text-sm">
        <legend className="mb-1 font-medium text-slate-700">Access defaults for onboarding</legend>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="console" /> Console
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="programmatic" /> Programmatic
        </label>
      </fieldset>
    </RequestDialog>
  );
}
