"use client";

import { useState } from "react";
import { X } from "lucide-react";
import type { GroupSummary } from "@/lib/iam";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { DataTable } from "@/components/ui/data-table";
import { useCreateRequest, waitingForApproval } from "@/components/requests/use-create-request";

export function GroupsTable({
  groups,
  users,
  policies,
  canPropose,
}: {
  groups: GroupSummary[];
  users: string[];
  policies: { name: string; arn: string }[];
  canPropose: boolean;
}) {
  return (
    <DataTable
      columns={["Group", "Members", "Policies", ...(canPropose ? [{ label: "Changes", srOnly: true }] : [])]}
    >
      {groups.map((g) => (
        <GroupRow key={g.groupName} group={g} users={users} policies={policies} canPropose={canPropose} />
      ))}
    </DataTable>
  );
}

function GroupRow({
  group: g,
  users,
  policies,
  canPropose,
}: {
  group: GroupSummary;
  users: string[];
  policies: { name: string; arn: string }[];
  canPropose: boolean;
}) {
  const { request: create, pending } = useCreateRequest();
  const request = (body: Parameters<typeof create>[0]) => create(body, { success: waitingForApproval });
  const [userName, setUserName] = useState("");
  const [policyArn, setPolicyArn] = useState("");
  const candidates = users.filter((u) => !g.members.includes(u));
  const attachable = policies.filter((p) => !g.attachedPolicies.some((a) => a.arn === p.arn));
  return (
    <tr id={`group-${g.groupName}`} className="align-top" data-testid="group-row" data-group={g.groupName}>
      <td className="px-4 py-3 font-medium">{g.groupName}</td>
      <td className="py-3 pr-4">
        <div className="text-xs text-slate-500">
          {g.members.length} member{g.members.length === 1 ? "" : "s"}
        </div>
        <ul className="mt-1 flex flex-wrap gap-1">
          {g.members.map((m) => (
            <li key={m} className="inline-flex items-center gap-1 rounded-full bg-slate-100 pl-2 text-xs">
              {m}
              {canPropose && (
                <ConfirmButton
                  label={<X className="size-3" />}
                  ariaLabel={`Remove ${m} from ${g.groupName}`}
                  title={`Remove ${m} from ${g.groupName}?`}
                  body="This creates a request; nothing changes until an admin approves and executes it."
                  confirm="Request removal"
                  onConfirm={() =>
                    request({ kind: "group.remove-member", input: { userName: m, groupName: g.groupName } })
                  }
                  disabled={pending}
                />
              )}
            </li>
          ))}
        </ul>
      </td>
      <td className="py-3 pr-4">
        <ul className="space-y-0.5">
          {g.attachedPolicies.map((p) => (
            <li key={p.arn} className="flex items-center gap-1">
              {p.name}
              {canPropose && (
                <ConfirmButton
                  label={<X className="size-3" />}
                  ariaLabel={`Detach ${p.name} from ${g.groupName}`}
                  title={`Detach ${p.name} from ${g.groupName}?`}
                  body="Members lose what this policy grants once the request is executed."
                  confirm="Request detaching"
                  onConfirm={() =>
                    request({
                      kind: "group.detach-policy",
                      input: { groupName: g.groupName, policyArn: p.arn },
                    })
                  }
                  disabled={pending}
                />
              )}
            </li>
          ))}
          {g.inlinePolicies.map((p) => (
            <li key={p} className="text-slate-600">
              {p} (inline)
            </li>
          ))}
          {g.attachedPolicies.length + g.inlinePolicies.length === 0 && (
            <li className="text-slate-500">none</li>
          )}
        </ul>
      </td>
      {canPropose && (
        <td className="space-y-2 py-3 pr-4">
          {candidates.length > 0 && (
            <RequestPicker
              id={`add-${g.groupName}`}
              label={`User to add to ${g.groupName}`}
              placeholder="Add a user…"
              options={candidates.map((u) => ({ value: u, label: u }))}
              value={userName}
              onChange={setUserName}
              submit="Request adding"
              submitLabel={`Request adding the user to ${g.groupName}`}
              disabled={pending}
              onSubmit={() =>
                request({ kind: "group.add-member", input: { userName, groupName: g.groupName } })
              }
            />
          )}
          {attachable.length > 0 && (
            <RequestPicker
              id={`attach-${g.groupName}`}
              label={`Policy to attach to ${g.groupName}`}
              placeholder="Attach a policy…"
              options={attachable.map((p) => ({ value: p.arn, label: p.name }))}
              value={policyArn}
              onChange={setPolicyArn}
              selectClassName="max-w-48"
              submit="Request attaching"
              submitLabel={`Request attaching the policy to ${g.groupName}`}
              disabled={pending}
              onSubmit={() =>
                request({ kind: "group.attach-policy", input: { groupName: g.groupName, policyArn } })
              }
            />
          )}
        </td>
      )}
    </tr>
  );
}

/** Pick one (a user, a policy) and request the change for it: a select and a button saying what it requests. */
function RequestPicker({
  id,
  label,
  placeholder,
  options,
  value,
  onChange,
  selectClassName,
  submit,
  submitLabel,
  disabled,
  onSubmit,
}: {
  id: string;
  /** The select's label, for screen readers. */
  label: string;
  placeholder: string;
  options: { value: string; label: string }[];
  value: string;
  onChange: (value: string) => void;
  selectClassName?: string;
  /** The button's text ("Request adding"), and its accessible name, which begins with it. */
  submit: string;
  submitLabel: string;
  disabled: boolean;
  onSubmit: () => void;
}) {
  return (
    <form
      className="flex gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <label className="sr-only" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        required
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className={`rounded-md border border-slate-300 px-2 py-1 text-sm ${selectClassName ?? ""}`}
      >
        <option value="">{placeholder}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Button
        type="submit"
        variant="secondary"
        className="whitespace-nowrap"
        aria-label={submitLabel}
        disabled={!value || disabled}
      >
        {submit}
      </Button>
    </form>
  );
}
