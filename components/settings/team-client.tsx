"use client";

import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import type { Result } from "@/lib/actions/result";
import { MEMBER_ROLES } from "@/lib/auth/roles";
import { SIGN_IN_METHOD_LABELS, SIGN_IN_METHODS } from "@/lib/auth/sign-in-method";
import type { MemberView } from "@/lib/team";
import { COOLING_OFF_DAYS } from "@/lib/team/shared";
import {
  changeRoleAction,
  decidePromotionAction,
  inviteMemberAction,
  setDisabledAction,
  unlockMemberAction,
} from "@/app/(console)/settings/team/actions";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-button";
import { Badge } from "@/components/ui/badge";
import { OneTimeSecret } from "@/components/ui/one-time-secret";
import { Field } from "@/components/ui/field";
import { DataTable } from "@/components/ui/data-table";
import { useServerAction } from "@/components/ui/use-server-action";
import { Time } from "@/components/ui/time";

export function TeamClient({
  members: initial,
  me,
  meEmail,
  canManage,
  sso,
}: {
  members: MemberView[];
  me: string;
  meEmail: string;
  canManage: boolean;
  sso: boolean;
}) {
  const [members, setMembers] = useState(initial);
  const { run, pending } = useServerAction();
  // The question open now (the app's own dialog), with what to do when it is confirmed.
  const [ask, setAsk] = useState<Parameters<typeof ConfirmDialog>[0] | null>(null);
  const question = (q: Omit<Parameters<typeof ConfirmDialog>[0], "open" | "onOpenChange">) =>
    setAsk({ ...q, open: true, onOpenChange: (open) => !open && setAsk(null) });

  function update<I>(action: (input: I) => Promise<Result<MemberView[]>>, input: I) {
    run(action, input, {
      onSuccess: (next) => {
        const waiting = next.find(
          (m) => m.pendingAdminBy && !members.find((x) => x.id === m.id)?.pendingAdminBy,
        );
        setMembers(next);
        if (waiting)
          toast.info(
            `${waiting.email} becomes an admin when another admin approves${waiting.pendingAdminWhy ? ` (${waiting.pendingAdminWhy})` : ""}.`,
          );
        else toast.success("Saved");
      },
    });
  }

  // Demoting an admin or turning one off is immediate; say first that they still count for a while.
  const adminRemoval = (m: MemberView) =>
    m.role === "admin" && !m.disabled
      ? ` For ${COOLING_OFF_DAYS} days they still count as an admin for the two-person rule: until then, a second admin must approve new admins and single-admin mode stays off.`
      : "";
  const counted = members.filter((m) => m.countedAsAdminUntil);

  return (
    <div className="space-y-6">
      {counted.length > 0 && (
        <div
          role="status"
          data-testid="cooling-off"
          className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900"
        >
          <p className="font-medium">
            The two-person rule still counts {counted.length === 1 ? "a removed admin" : "removed admins"}
          </p>
          <ul className="mt-1 list-disc pl-5">
            {counted.map((m) => (
              <li key={m.id}>
                {m.email}: until <Time value={m.countedAsAdminUntil} />
              </li>
            ))}
          </ul>
          <p className="mt-1">
            Until then, making someone an admin or turning an admin&apos;s access back on waits for a second
            admin, and single-admin mode cannot apply. An operator with server access can lift this for a
            genuinely lone admin with <code>SINGLE_ADMIN_MODE=true</code>.
          </p>
        </div>
      )}
      <Card title="Members">
        <DataTable
          frame="none"
          columns={["Member", "Role", "Sign-in", "Last sign-in", { label: "Actions", srOnly: true }]}
        >
          {members.map((m) => (
            <tr key={m.id} className={m.disabled ? "text-slate-400" : undefined}>
              <td className="py-2">
                <div className="font-medium">{m.email}</div>
                {m.name && <div className="text-xs text-slate-500">{m.name}</div>}
              </td>
              <td>
                {canManage ? (
                  <select
                    aria-label={`Role of ${m.email}`}
                    value={m.role}
                    disabled={pending}
                    onChange={(e) => {
                      const role = e.target.value as MemberView["role"];
                      const change = () => update(changeRoleAction, { memberId: m.id, role });
                      if (m.role === "admin" && role !== "admin")
                        question({
                          title: `Make ${m.email} ${role === "operator" ? "an operator" : "an auditor"}?`,
                          body: `They stop being an admin at once.${adminRemoval(m)}`,
                          confirm: `Make ${role === "operator" ? "an operator" : "an auditor"}`,
                          onConfirm: change,
                        });
                      else change();
                    }}
                    className="rounded-md border border-slate-300 px-2 py-1 text-sm"
                  >
                    {MEMBER_ROLES.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>
                ) : (
                  <span className="capitalize">{m.role}</span>
                )}
                {m.pendingAdminBy && (
                  <div
                    className="mt-1 flex flex-wrap items-center gap-2 text-xs"
                    data-testid="pending-promotion"
                  >
                    <Badge tone="amber">Admin: waiting for a second admin</Badge>
                    <span className="text-slate-500">asked by {m.pendingAdminBy}</span>
                    {m.pendingAdminWhy && (
                      <span className="w-full text-slate-500" data-testid="pending-promotion-why">
                        Why it waits: {m.pendingAdminWhy}.
                      </span>
                    )}
                    {canManage && m.pendingAdminBy !== meEmail && m.id !== me && (
                      <Button
                        variant="secondary"
                        disabled={pending}
                        onClick={() =>
                          question({
                            title: `Make ${m.email} an admin?`,
                            body: "Admins approve and run every IAM change.",
                            confirm: "Make an admin",
                            tone: "primary",
                            onConfirm: () => update(decidePromotionAction, { memberId: m.id, approve: true }),
                          })
                        }
                      >
                        Approve admin role
                      </Button>
                    )}
                    {canManage && (
                      <Button
                        variant="ghost"
                        disabled={pending}
                        onClick={() => update(decidePromotionAction, { memberId: m.id, approve: false })}
                      >
                        {m.pendingAdminBy === meEmail ? "Cancel request" : "Reject"}
                      </Button>
                    )}
                  </div>
                )}
              </td>
              <td>
                {m.signInMethod ? SIGN_IN_METHOD_LABELS[m.signInMethod] : "None"}
                {m.ssoLinked && <div className="text-xs text-slate-500">SSO identity linked</div>}
                {m.passwordMustChange && (
                  <div className="text-xs text-slate-500">One-time password not changed yet</div>
                )}
                {m.signInWaitSeconds > 0 && (
                  <div className="mt-1 flex items-center gap-2">
                    <Badge tone="amber">Sign-in paused after failed attempts</Badge>
                    {canManage && (
                      <Button
                        variant="secondary"
                        disabled={pending}
                        aria-label={`Unlock sign-in for ${m.email}`}
                        onClick={() => update(unlockMemberAction, { memberId: m.id })}
                      >
                        Unlock
                      </Button>
                    )}
                  </div>
                )}
              </td>
              <td>{m.lastSignInAt ? <Time value={m.lastSignInAt} /> : "Never"}</td>
              <td className="text-right">
                {m.disabled && <Badge tone="red">Access off</Badge>}{" "}
                {m.countedAsAdminUntil && (
                  <Badge tone="amber">
                    Counts as admin until <Time value={m.countedAsAdminUntil} />
                  </Badge>
                )}{" "}
                {canManage && m.id !== me && (
                  <Button
                    variant={m.disabled ? "secondary" : "ghost"}
                    disabled={pending}
                    onClick={() => {
                      const toggle = () =>
                        update(setDisabledAction, { memberId: m.id, disabled: !m.disabled });
                      if (m.disabled) toggle();
                      else
                        question({
                          title: `Turn off ${m.email}'s access to Gatehouse?`,
                          body: `They are signed out at their next request.${adminRemoval(m)}`,
                          confirm: "Turn access off",
                          onConfirm: toggle,
                        });
                    }}
                  >
                    {m.disabled ? "Turn access on" : "Turn access off"}
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      </Card>
      {canManage && <InviteForm sso={sso} onInvited={setMembers} />}
      {ask && <ConfirmDialog {...ask} />}
    </div>
  );
}

function InviteForm({ sso, onInvited }: { sso: boolean; onInvited: (m: MemberView[]) => void }) {
  const [secret, setSecret] = useState<{ email: string; password: string } | null>(null);
  const { run, pending, fieldErrors: errors } = useServerAction();

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = Object.fromEntries(new FormData(form)) as Parameters<typeof inviteMemberAction>[0];
    run(inviteMemberAction, data, {
      success: (r) => `${r.email} added`,
      onSuccess: (r) => {
        form.reset();
        if (r.oneTimePassword) setSecret({ email: r.email, password: r.oneTimePassword });
        onInvited(r.members);
      },
    });
  }

  return (
    <Card
      title="Add a member"
      description={
        sso
          ? "SSO members sign in with your identity provider; add their email here first."
          : "Without SSO, members sign in with a password you hand over once."
      }
    >
      {secret && (
        <div className="mb-4">
          <OneTimeSecret
            label={`One-time password for ${secret.email}`}
            value={secret.password}
            filename={`gatehouse-${secret.email}.txt`}
            onDone={() => setSecret(null)}
          />
        </div>
      )}
      <form onSubmit={onSubmit} className="grid grid-cols-1 gap-4 md:grid-cols-5 md:items-end" noValidate>
        <Field label="Email" error={errors.email}>
          <input name="email" type="email" required className="input" />
        </Field>
        <Field label="Name (optional)" error={errors.name}>
          <input name="name" className="input" />
        </Field>
        <Field label="Role" error={errors.role}>
          <select name="role" defaultValue="operator" className="input">
            {MEMBER_ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Signs in with" error={errors.signIn}>
          <select name="signIn" defaultValue={sso ? "sso" : "password"} className="input">
            {SIGN_IN_METHODS.map((m) => (
              <option key={m} value={m}>
                {SIGN_IN_METHOD_LABELS[m]}
              </option>
            ))}
          </select>
        </Field>
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add member"}
        </Button>
      </form>
    </Card>
  );
}
