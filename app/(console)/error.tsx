"use client";

import { useEffect } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

/**
 * A page that failed to render. What went wrong is in the server log (under the reference shown);
 * the page shows no message, stack or data of the error itself. "Try again" fetches the page anew.
 */
export default function ConsoleError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => console.error(error), [error]);
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : null;
  return (
    <EmptyState
      title="This page could not be shown"
      action={
        <Button type="button" onClick={() => retry()}>
          Try again
        </Button>
      }
    >
      Something went wrong while loading it. Nothing was changed. Try again; if it keeps failing, ask an admin
      to look in the server log{digest ? ` (reference ${digest})` : ""}.
    </EmptyState>
  );
}
