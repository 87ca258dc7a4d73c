"use client";

import { useRouter } from "next/navigation";
import { jobRoleMfaAction, requireUserMfaAction } from "@/app/(console)/review/credentials/actions";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { useServerAction } from "@/components/ui/use-server-action";

const created = (r: { number: number }) => `Request #${r.number} created: waiting for approval`;

/**
 * "Require MFA" on the person page: a request attaching the GatehouseRequireMFA policy to this
 * user only (their team is changed on the Job roles page, where the option belongs).
 */
export function RequireMfaButton({ userName }: { userName: string }) {
  const router = useRouter();
  const { run, pending } = useServerAction();
  return (
    <ConfirmButton
      label="Require MFA"
      variant="secondary"
      tone="primary"
      disabled={pending}
      title={`Require MFA for ${userName}?`}
      body={`Once approved and executed, ${userName} can do nothing in AWS without MFA except set up their own device (named ${userName}) and change a password IAM asks them to. Their access keys then need an MFA session too (sts get-session-token with their code).`}
      confirm="Request it"
      onConfirm={() =>
        run(
          requireUserMfaAction,
          { userName },
          { success: created, onSuccess: (r) => router.push(`/requests/${r.id}`) },
        )
      }
    />
  );
}

/** The job role's "Require MFA" option: turning it on or off is a request on the role's group. */
export function JobRoleMfaButton({ jobRole, required }: { jobRole: string; required: boolean }) {
  const router = useRouter();
  const { run, pending } = useServerAction();
  return (
    <ConfirmButton
      label={required ? "Stop requiring MFA" : "Require MFA"}
      ariaLabel={`${required ? "Stop requiring" : "Require"} MFA for job role ${jobRole}`}
      variant="secondary"
      tone={required ? "danger" : "primary"}
      disabled={pending}
      title={required ? `Stop requiring MFA for ${jobRole}?` : `Require MFA for ${jobRole}?`}
      body={
        required
          ? `Detaches GatehouseRequireMFA from the ${jobRole} group: its members can then work without MFA again.`
          : `Attaches GatehouseRequireMFA to the ${jobRole} group: without MFA its members can only set up their own device. Access keys then need an MFA session too.`
      }
      confirm="Request it"
      onConfirm={() =>
        run(
          jobRoleMfaAction,
          { jobRole, require: !required },
          { success: created, onSuccess: (r) => router.push(`/requests/${r.id}`) },
        )
      }
    />
  );
}
