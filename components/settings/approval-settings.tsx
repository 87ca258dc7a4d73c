"use client";

import { useState } from "react";
import type { PublicChangeSettings } from "@/lib/changes";
import { COOLING_OFF_DAYS } from "@/lib/team/shared";
import { updateApprovalSettingsAction } from "@/app/(console)/settings/approvals/actions";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Card } from "@/components/ui/card";
import { CheckOption } from "@/components/ui/check-option";
import { Field } from "@/components/ui/field";
import { useServerAction } from "@/components/ui/use-server-action";

export function ApprovalSettingsForm({
  initial,
  kinds,
  canEdit,
}: {
  initial: PublicChangeSettings;
  kinds: { id: string; label: string }[];
  canEdit: boolean;
}) {
  const [s, setS] = useState(initial);
  // The webhook URL is write-only: the page never has it (it carries a token). A typed URL
  // replaces it; "Remove" clears it; otherwise the save leaves it as it is.
  const [newWebhook, setNewWebhook] = useState("");
  const { run, pending, fieldErrors: errors } = useServerAction();
  const save = (
    webhook: { webhookUrl?: string | null } = newWebhook.trim() ? { webhookUrl: newWebhook.trim() } : {},
  ) =>
    run(
      updateApprovalSettingsAction,
      {
        singleAdminMode: s.singleAdminMode,
        twoApproverKinds: s.twoApproverKinds,
        expiryDays: s.expiryDays,
        approvalExpiryDays: s.approvalExpiryDays,
        ...webhook,
      },
      {
        success: webhook.webhookUrl === null ? "Webhook removed" : "Approval rules saved",
        onSuccess: (saved) => {
          setS(saved);
          setNewWebhook("");
        },
      },
    );
  const daysField = (key: "expiryDays" | "approvalExpiryDays", label: string) => (
    <Field label={label} error={errors[key]}>
      <input
        type="number"
        min={1}
        max={90}
        className="input w-32"
        value={s[key]}
        onChange={(e) => setS({ ...s, [key]: Number(e.target.value) })}
      />
    </Field>
  );
  return (
    <div className="max-w-2xl space-y-6">
      <Card title="Approvers">
        <fieldset disabled={!canEdit} className="space-y-4 text-sm">
          <CheckOption
            checked={s.singleAdminMode}
            onChange={(singleAdminMode) => setS({ ...s, singleAdminMode })}
          >
            <strong>Single-admin mode</strong> — an admin may approve their own requests. Each such approval
            is recorded as a self-approval in the audit log. It applies only while the team has one admin (a
            self-approval counts only while it applies, checked again when the request runs), and it cannot be
            turned on when another admin could approve. An admin demoted or turned off in the last{" "}
            {COOLING_OFF_DAYS} days still counts, so removing the other admin does not switch the two-person
            rule off.
          </CheckOption>
          {errors.singleAdminMode && (
            <p role="alert" className="text-sm text-red-700">
              {errors.singleAdminMode.join(" ")}
            </p>
          )}
          <div>
            <div className="font-medium text-slate-700">Kinds that need two different approvers</div>
            <div className="mt-2 grid gap-1 md:grid-cols-2">
              {kinds.map((k) => (
                <label key={k.id} className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    checked={s.twoApproverKinds.includes(k.id)}
                    onChange={(e) =>
                      setS({
                        ...s,
                        twoApproverKinds: e.target.checked
                          ? [...s.twoApproverKinds, k.id]
                          : s.twoApproverKinds.filter((x) => x !== k.id),
                      })
                    }
                  />
                  {k.label}
                </label>
              ))}
            </div>
          </div>
          {daysField("expiryDays", "A request expires if not approved within (days)")}
          {daysField(
            "approvalExpiryDays",
            "An approved request expires if not executed within (days after approval)",
          )}
        </fieldset>
      </Card>
      <Card
        title="Notifications"
        description="Slack-compatible webhook: posts when a request needs approval and when it finishes."
      >
        <p className="mb-3 text-sm text-slate-700" data-testid="webhook-state">
          {s.webhookSet
            ? "A webhook is set. Its URL is not shown, since it carries a token."
            : "No webhook is set."}
        </p>
        {canEdit && (
          <div className="space-y-3">
            <Field
              label={s.webhookSet ? "Replace the webhook URL" : "Webhook URL"}
              error={errors.webhookUrl}
              hint="https only; it must reach a public address. Leave empty to keep the current setting."
            >
              <input
                type="url"
                className="input"
                autoComplete="off"
                value={newWebhook}
                placeholder="https://hooks.slack.com/services/…"
                onChange={(e) => setNewWebhook(e.target.value)}
              />
            </Field>
            {s.webhookSet && (
              <ConfirmButton
                label="Remove webhook"
                variant="secondary"
                disabled={pending}
                title="Remove the webhook?"
                body="Gatehouse stops posting notifications. To post again, an admin enters the URL anew."
                confirm="Remove webhook"
                onConfirm={() => save({ webhookUrl: null })}
              />
            )}
          </div>
        )}
      </Card>
      {canEdit ? (
        <Button disabled={pending} onClick={() => save()}>
          {pending ? "Saving…" : "Save"}
        </Button>
      ) : (
        <p className="text-sm text-slate-600">Only admins change approval rules.</p>
      )}
    </div>
  );
}
