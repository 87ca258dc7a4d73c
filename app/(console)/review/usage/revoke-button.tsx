"use client";

import { ConfirmButton } from "@/components/ui/confirm-button";
import { useCreateRequest, waitingForApproval } from "@/components/requests/use-create-request";

/**
 * Revoking unused access goes through the one door: a group.remove-member change request. The
 * confirmation says what it really does — the person leaves the job role's group and loses all
 * of it, not only the unused service — before the request exists.
 */
export function RevokeButton({
  userName,
  groupName,
  jobRole,
  serviceName,
  groupServices,
}: {
  userName: string;
  groupName: string;
  jobRole: string;
  serviceName: string;
  groupServices: string[];
}) {
  const { request, pending } = useCreateRequest();
  return (
    <ConfirmButton
      label="Request removal"
      variant="secondary"
      ariaLabel={`Request removing ${userName} from ${groupName} (unused ${serviceName})`}
      title={`Remove ${userName} from ${groupName}?`}
      body={
        `IAM cannot take away one service from a group member: this requests removing ${userName} from ` +
        `the group ${groupName} (job role ${jobRole}), so they lose everything it grants` +
        (groupServices.length ? ` (${groupServices.join(", ")})` : "") +
        `, not only ${serviceName}. Nothing changes until an admin approves and executes the request.`
      }
      confirm="Create request"
      disabled={pending}
      onConfirm={() =>
        request(
          { kind: "group.remove-member", input: { userName, groupName } },
          { success: waitingForApproval },
        )
      }
    />
  );
}
