"use client";

import { useRouter } from "next/navigation";
import {
  checkAccountAction,
  discoverAccountsAction,
  removeAccountAction,
} from "@/app/(console)/accounts/actions";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { useServerAction } from "@/components/ui/use-server-action";

/** One account's buttons: check its connection now; remove it (not the app's own), after asking. */
export function AccountActions({ id, name, removable }: { id: string; name: string; removable: boolean }) {
  const router = useRouter();
  const { run, pending } = useServerAction();
  const refresh = () => router.refresh();
  return (
    <div className="flex justify-end gap-1">
      <Button
        variant="ghost"
        disabled={pending}
        aria-label={`Check connection of ${name}`}
        onClick={() =>
          run(
            checkAccountAction,
            { id },
            {
              success: (a) => (a.status === "ok" ? `${a.name}: connected` : `${a.name}: ${a.lastError}`),
              onSettled: refresh,
            },
          )
        }
      >
        {pending ? "Checking…" : "Check connection"}
      </Button>
      {removable && (
        <ConfirmButton
          label="Remove"
          ariaLabel={`Remove ${name}`}
          title={`Remove ${name}?`}
          body={`Gatehouse stops managing account ${id}. Nothing in the account changes; you can add it again later.`}
          confirm="Remove account"
          disabled={pending}
          onConfirm={() =>
            run(removeAccountAction, { id }, { success: `${name} removed`, onSuccess: refresh })
          }
        />
      )}
    </div>
  );
}

/** Reads the organization's accounts from AWS Organizations and adds the new ones. */
export function DiscoverButton() {
  const router = useRouter();
  const { run, pending } = useServerAction();
  return (
    <Button
      variant="secondary"
      disabled={pending}
      onClick={() =>
        run(
          discoverAccountsAction,
          {},
          {
            success: (r) =>
              `${r.added.length} added, ${r.updated.length} updated from AWS Organizations` +
              (r.left.length ? `; ${r.left.length} no longer in the organization` : ""),
            onSuccess: () => router.refresh(),
          },
        )
      }
    >
      {pending ? "Reading the organization…" : "Discover from Organizations"}
    </Button>
  );
}
