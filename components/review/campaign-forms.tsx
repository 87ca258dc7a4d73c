"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { InlineForm, InlineInput } from "@/components/ui/inline-form";
import { useServerAction } from "@/components/ui/use-server-action";
import {
  createCampaignAction,
  decideCampaignAction,
  signOffCampaignAction,
} from "@/app/(console)/review/actions";

export function CreateCampaign() {
  const router = useRouter();
  const [name, setName] = useState(`Access review ${new Date().toISOString().slice(0, 10)}`);
  const { run, pending, error: failed, fieldErrors } = useServerAction();
  const error = failed && (fieldErrors.name?.[0] ?? failed);
  return (
    <InlineForm
      onSubmit={() =>
        run(
          createCampaignAction,
          { name },
          {
            toastError: false,
            success: (c) =>
              `Campaign started: ${c.reviewed} account(s) reviewed${c.excluded ? `, ${c.excluded} excluded (see why on the campaign)` : ""}`,
            onSuccess: (c) => router.push(`/review/campaigns/${c.id}`),
          },
        )
      }
      submit="Start a campaign"
      pending={pending}
      errors={[error]}
    >
      <InlineInput label="Campaign name" value={name} onChange={setName} invalid={!!error} className="w-72" />
    </InlineForm>
  );
}

/** Keep, or revoke one group membership in the item's account (which proposes a change request). */
export function DecisionControls({
  campaignId,
  person,
  accountId,
  accountName,
  groups,
  current,
}: {
  campaignId: string;
  person: string;
  accountId: string;
  accountName: string;
  groups: string[];
  current: { decision: string; requestId: string | null } | null;
}) {
  const router = useRouter();
  const [group, setGroup] = useState(groups[0] ?? "");
  const { run, pending } = useServerAction();
  const send = (decision: "keep" | "revoke") =>
    run(
      decideCampaignAction,
      { campaignId, person, accountId, decision, groupName: decision === "revoke" ? group : undefined },
      {
        success:
          decision === "keep"
            ? `Keep ${person} in ${accountName}`
            : `Revoke proposed for ${person} in ${accountName}: change request created`,
        onSuccess: () => router.refresh(),
      },
    );
  return (
    <div className="flex flex-wrap items-center gap-2">
      {current && (
        <span className="text-xs text-slate-600">
          Decided: <strong>{current.decision}</strong>
          {current.requestId && (
            <>
              {" "}
              ·{" "}
              <a className="text-indigo-700 underline" href={`/requests/${current.requestId}`}>
                change request
              </a>
            </>
          )}
        </span>
      )}
      <Button
        variant="secondary"
        disabled={pending}
        aria-label={`Keep ${person} in ${accountName}`}
        onClick={() => send("keep")}
      >
        Keep
      </Button>
      {groups.length > 0 && (
        <>
          <select
            aria-label={`Group to remove ${person} from in ${accountName}`}
            value={group}
            onChange={(e) => setGroup(e.target.value)}
            className="input w-auto"
          >
            {groups.map((g) => (
              <option key={g}>{g}</option>
            ))}
          </select>
          <ConfirmButton
            variant="danger"
            disabled={pending}
            label="Revoke"
            ariaLabel={`Revoke ${person} in ${accountName}`}
            title={`Revoke ${person}'s access in ${accountName}?`}
            body={`This proposes a change request removing ${person} from ${group} in ${accountName} (${accountId}) only; it runs once approved. ${person} loses everything ${group} grants there.`}
            confirm="Propose the removal"
            onConfirm={() => send("revoke")}
          />
        </>
      )}
    </div>
  );
}

/** Signing off is final; it is offered once nothing is left (the server checks again). */
export function SignOff({ campaignId, left }: { campaignId: string; left: number }) {
  const router = useRouter();
  const { run, pending } = useServerAction();
  return (
    <Button
      disabled={pending || left > 0}
      title={left > 0 ? `${left} item(s) still to decide` : undefined}
      onClick={() =>
        run(
          signOffCampaignAction,
          { campaignId },
          { success: "Campaign signed off: kept as evidence", onSuccess: () => router.refresh() },
        )
      }
    >
      Sign off
    </Button>
  );
}
