"use client";

import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import {
  dismissAccountUserAction,
  linkAccountUserAction,
  unlinkAccountUserAction,
} from "@/app/(console)/people/account-link-actions";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { useServerAction } from "@/components/ui/use-server-action";

type Target = { employeeId: string; accountId: string; accountName: string; userName: string };

/**
 * A suggested user: "Link" confirms it (the server reads the user again and checks the match);
 * "Dismiss" says it is not this person (stored and audited: not suggested again, and one-click
 * offboarding leaves it alone). A dismissed one (`dismissed`) can still be linked.
 * A refusal is said beside the buttons, in the server's words.
 */
export function SuggestionActions({
  target,
  dismissed = false,
  children,
}: {
  target: Target;
  dismissed?: boolean;
  children: ReactNode;
}) {
  const router = useRouter();
  const { run, pending, error } = useServerAction();
  const { accountName, ...input } = target;
  const call = (action: typeof linkAccountUserAction, done: string) =>
    run(action, input, { toastError: false, success: done, onSuccess: () => router.refresh() });
  return (
    <li className="py-1">
      <div className="flex flex-wrap items-center gap-2">
        <div className="min-w-0 flex-1">{children}</div>
        <Button
          variant="secondary"
          disabled={pending}
          aria-label={`Link ${target.userName} in ${accountName}`}
          onClick={() => call(linkAccountUserAction, `${target.userName} in ${accountName} linked`)}
        >
          Link
        </Button>
        {!dismissed && (
          <Button
            variant="ghost"
            disabled={pending}
            aria-label={`Dismiss ${target.userName} in ${accountName}`}
            onClick={() => call(dismissAccountUserAction, `${target.userName} in ${accountName} dismissed`)}
          >
            Dismiss
          </Button>
        )}
      </div>
      {error && (
        <p role="alert" className="mt-1 text-sm text-red-800">
          {error}
        </p>
      )}
    </li>
  );
}

/** "Unlink" on a linked user, after a confirmation; IAM is not touched. */
export function UnlinkButton({ target, personName }: { target: Target; personName: string }) {
  const router = useRouter();
  const { run, pending } = useServerAction();
  const { accountName, ...input } = target;
  return (
    <ConfirmButton
      label="Unlink"
      ariaLabel={`Unlink ${target.userName} in ${accountName}`}
      disabled={pending}
      title={`Unlink ${target.userName} in ${accountName}?`}
      body={`${target.userName} will no longer count as ${personName}'s user in ${accountName}: one-click offboarding will not take it. Nothing changes in IAM.`}
      confirm="Unlink"
      onConfirm={() =>
        run(unlinkAccountUserAction, input, {
          success: `${target.userName} in ${accountName} unlinked`,
          onSuccess: () => router.refresh(),
        })
      }
    />
  );
}
