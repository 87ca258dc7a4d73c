"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { createRequestAction, previewRequestAction } from "@/app/(console)/requests/actions";
import { createEmployeeAction } from "@/app/(console)/people/actions";
import { useServerAction } from "@/components/ui/use-server-action";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CheckOption } from "@/components/ui/check-option";
import { Field } from "@/components/ui/field";
import { IAM_NAME_FORBIDDEN_CHAR, IAM_NAME_MAX } from "@/lib/iam/names.schema";
import { defaultAccounts } from "@/lib/job-roles/shared";
import { AccountCheckboxes, type AccountChoice } from "@/components/accounts/account-checkboxes";

type Person = { id: string; name: string; email: string; jobRole: string | null; iamUserName: string | null };
type JobRole = {
  name: string;
  groupName: string;
  description: string;
  console: boolean;
  programmatic: boolean;
  /** Where the job role's group is; null = the app's own account. */
  accounts: string[] | null;
};
type PlanPreview = { summary: string; steps: { order: number; title: string; producesSecret: boolean }[] };

const STEPS = ["Person", "Job role", "Access", "Review"] as const;

/** A user name IAM accepts, from an email's local part. */
const suggestUserName = (email: string) =>
  email.split("@")[0].toLowerCase().replace(IAM_NAME_FORBIDDEN_CHAR, "-").slice(0, IAM_NAME_MAX.user);

/**
 * `accounts`: the active AWS accounts. With more than the app's own, the Access step asks which
 * to onboard into, defaulted from the chosen job roles (the same rule user.onboard plans with).
 */
export function OnboardingWizard({
  people,
  jobRoles,
  accounts,
  initialEmployeeId,
}: {
  people: Person[];
  jobRoles: JobRole[];
  accounts: AccountChoice[];
  initialEmployeeId: string | null;
}) {
  const router = useRouter();
  const [step, setStep] = useState(initialEmployeeId ? 1 : 0);
  const [employees, setEmployees] = useState(people);
  const [employeeId, setEmployeeId] = useState(initialEmployeeId ?? "");
  const employee = employees.find((p) => p.id === employeeId) ?? null;
  const defaultRoles = useMemo(
    () => jobRoles.filter((r) => r.name === employee?.jobRole).map((r) => r.groupName),
    [employee, jobRoles],
  );
  const [groups, setGroups] = useState<string[] | null>(null);
  const chosen = groups ?? defaultRoles;
  const chosenRoles = jobRoles.filter((r) => chosen.includes(r.groupName));
  const [access, setAccess] = useState<{ console: boolean; programmatic: boolean } | null>(null);
  const effectiveAccess = access ?? {
    console: chosenRoles.some((r) => r.console),
    programmatic: chosenRoles.some((r) => r.programmatic),
  };
  const homeId = accounts.find((a) => a.home)?.id ?? null;
  const [accountIds, setAccountIds] = useState<string[] | null>(null);
  const chosenAccounts = accountIds ?? defaultAccounts(chosenRoles, homeId) ?? (homeId ? [homeId] : []);
  // Only the app's own account sends no list: planned exactly as before accounts existed.
  const sendAccounts = accounts.length > 1 && !(chosenAccounts.length === 1 && chosenAccounts[0] === homeId);
  const [userName, setUserName] = useState<string | null>(null);
  const effectiveUserName =
    userName ?? employee?.iamUserName ?? (employee ? suggestUserName(employee.email) : "");
  const [preview, setPreview] = useState<PlanPreview | null>(null);
  const { run, pending, fieldErrors: errors } = useServerAction();

  const input = {
    employeeId,
    userName: effectiveUserName,
    groups: chosen,
    console: effectiveAccess.console,
    programmatic: effectiveAccess.programmatic,
    ...(sendAccounts ? { accounts: chosenAccounts } : {}),
  };

  function review() {
    run(
      previewRequestAction,
      { kind: "user.onboard", input },
      {
        onSuccess: (plan) => {
          setPreview(plan);
          setStep(3);
        },
      },
    );
  }

  function submit() {
    run(
      createRequestAction,
      { kind: "user.onboard", input },
      {
        success: (r) => `Request #${r.number} created: an admin approves it next`,
        onSuccess: (r) => router.push(`/requests/${r.id}`),
      },
    );
  }

  return (
    <div className="max-w-3xl space-y-6">
      <ol className="flex flex-wrap gap-2 text-sm" aria-label="Onboarding steps">
        {STEPS.map((s, i) => (
          <li
            key={s}
            aria-current={i === step ? "step" : undefined}
            className={`rounded-full px-3 py-1 ${i === step ? "bg-indigo-600 text-white" : i < step ? "bg-indigo-100 text-indigo-800" : "bg-slate-100 text-slate-600"}`}
          >
            {i + 1}. {s}
          </li>
        ))}
      </ol>

      {step === 0 && (
        <Card title="Who is joining?">
          <Field label="Person" error={errors.employeeId}>
            <select
              className="input"
              value={employeeId}
              onChange={(e) => {
                setEmployeeId(e.target.value);
                setGroups(null);
                setAccess(null);
                setAccountIds(null);
                setUserName(null);
              }}
            >
              <option value="">Choose someone in the directory…</option>
              {employees.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.email}){p.iamUserName ? ` — has user ${p.iamUserName}` : ""}
                </option>
              ))}
            </select>
          </Field>
          <NewPerson
            onCreated={(p) => {
              setEmployees((list) => [...list, p]);
              setEmployeeId(p.id);
            }}
          />
          <div className="mt-4 flex justify-end">
            <Button disabled={!employee} onClick={() => setStep(1)}>
              Next
            </Button>
          </div>
        </Card>
      )}

      {step === 1 && employee && (
        <Card
          title={`Job role for ${employee.name}`}
          description="Each job role is an IAM group. Pick none for people who need no AWS access."
        >
          <fieldset className="space-y-2">
            <legend className="sr-only">Job roles</legend>
            {jobRoles.map((r) => (
              <label
                key={r.groupName}
                className="flex items-start gap-3 rounded-md border border-slate-200 p-3 text-sm"
              >
                <input
                  type="checkbox"
                  className="mt-1"
                  checked={chosen.includes(r.groupName)}
                  onChange={(e) =>
                    setGroups(
                      e.target.checked ? [...chosen, r.groupName] : chosen.filter((g) => g !== r.groupName),
                    )
                  }
                />
                <span>
                  <span className="font-medium">{r.name}</span>{" "}
                  <span className="text-slate-500">(group {r.groupName})</span>
                  <br />
                  <span className="text-slate-600">{r.description}</span>
                </span>
              </label>
            ))}
          </fieldset>
          {errors.groups && (
            <p role="alert" className="mt-2 text-sm text-red-700">
              {errors.groups.join(" ")}
            </p>
          )}
          <div className="mt-4 flex justify-between">
            <Button variant="secondary" onClick={() => setStep(0)}>
              Back
            </Button>
            <Button onClick={() => setStep(2)}>Next</Button>
          </div>
        </Card>
      )}

      {step === 2 && employee && (
        <Card title="Access" description="Defaults come from the job role.">
          <div className="space-y-3 text-sm">
            <CheckOption
              checked={effectiveAccess.console}
              onChange={(on) => setAccess({ ...effectiveAccess, console: on })}
            >
              <strong>Console</strong> — a generated temporary password they must change at first sign-in;
              IAMUserChangePassword is attached.
            </CheckOption>
            <CheckOption
              checked={effectiveAccess.programmatic}
              onChange={(on) => setAccess({ ...effectiveAccess, programmatic: on })}
            >
              <strong>Programmatic</strong> — an access key for the CLI and SDKs.
            </CheckOption>
            {accounts.length > 1 && (
              <AccountCheckboxes
                accounts={accounts}
                legend="Accounts"
                hint="An IAM user is made in each, with the job roles' groups there and its own password or key. Defaults come from the job roles."
                value={chosenAccounts}
                onChange={setAccountIds}
                error={errors.accounts}
              />
            )}
            <Field
              label="IAM user name"
              error={errors.userName}
              hint="1–64 letters, digits and + = , . @ _ -; unique in the account, ignoring case."
            >
              <input
                className="input font-mono"
                value={effectiveUserName}
                maxLength={64}
                readOnly={Boolean(employee.iamUserName)}
                onChange={(e) => setUserName(e.target.value)}
              />
            </Field>
          </div>
          {accounts.length > 1 && chosenAccounts.length === 0 && (
            <p className="mt-3 text-sm text-slate-600">Choose at least one account to onboard into.</p>
          )}
          {chosen.length === 0 && !effectiveAccess.console && !effectiveAccess.programmatic && (
            <p className="mt-3 text-sm text-slate-600">
              No job role and no access: {employee.name} needs no IAM user. Nothing to request.
            </p>
          )}
          <div className="mt-4 flex justify-between">
            <Button variant="secondary" onClick={() => setStep(1)}>
              Back
            </Button>
            <Button
              disabled={
                pending ||
                (chosen.length === 0 && !effectiveAccess.console && !effectiveAccess.programmatic) ||
                (accounts.length > 1 && chosenAccounts.length === 0)
              }
              onClick={review}
            >
              {pending ? "Planning…" : "Review the plan"}
            </Button>
          </div>
        </Card>
      )}

      {step === 3 && preview && (
        <Card title="The plan" description={preview.summary}>
          {sendAccounts && (
            <p className="mb-2 text-sm text-slate-600">
              Into{" "}
              {accounts
                .filter((a) => chosenAccounts.includes(a.id))
                .map((a) => `${a.name} (${a.id})`)
                .join(", ")}
              : each step below names its account.
            </p>
          )}
          {preview.steps.length === 0 ? (
            <p className="text-sm text-slate-600">
              Nothing is missing: IAM already gives {employee?.name} this access.
            </p>
          ) : (
            <ol className="list-decimal space-y-1 pl-6 text-sm" data-testid="preview-steps">
              {preview.steps.map((s) => (
                <li key={s.order}>
                  {s.title}
                  {s.producesSecret && (
                    <span className="text-amber-700"> (shown once to the admin who executes)</span>
                  )}
                </li>
              ))}
            </ol>
          )}
          <div className="mt-4 flex justify-between">
            <Button variant="secondary" onClick={() => setStep(2)}>
              Back
            </Button>
            <Button disabled={pending || preview.steps.length === 0} onClick={submit}>
              {pending ? "Submitting…" : "Submit for approval"}
            </Button>
          </div>
        </Card>
      )}
    </div>
  );
}

function NewPerson({ onCreated }: { onCreated: (p: Person) => void }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const { run, pending, fieldErrors: errors } = useServerAction();
  if (!open)
    return (
      <button
        type="button"
        className="mt-3 text-sm font-medium text-indigo-700 underline"
        onClick={() => setOpen(true)}
      >
        Or add someone new
      </button>
    );
  return (
    <div className="mt-4 grid gap-3 rounded-md border border-slate-200 p-3 md:grid-cols-[1fr_1fr_auto] md:items-end">
      <Field label="Name" error={errors.name}>
        <input className="input" value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label="Email" error={errors.email}>
        <input className="input" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      </Field>
      <Button
        disabled={pending}
        onClick={() =>
          run(
            createEmployeeAction,
            { name, email },
            {
              onSuccess: (created) => {
                onCreated({
                  id: created.id,
                  name,
                  email: email.trim().toLowerCase(),
                  jobRole: null,
                  iamUserName: null,
                });
                setOpen(false);
              },
            },
          )
        }
      >
        Add
      </Button>
    </div>
  );
}
