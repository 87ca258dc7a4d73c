"use client";

import { useState } from "react";
import { ShieldCheck, ShieldAlert } from "lucide-react";
import { verifyChainAction } from "@/app/(console)/audit/actions";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/components/ui/use-server-action";

type Outcome = Awaited<ReturnType<typeof verifyChainAction>>;

export function VerifyChain() {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const { run, pending } = useServerAction();
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() =>
          run(
            verifyChainAction,
            {},
            {
              toastError: false,
              onSuccess: (data) => setOutcome({ ok: true, data }),
              onError: setOutcome,
            },
          )
        }
      >
        <ShieldCheck className="size-4" aria-hidden /> {pending ? "Verifying…" : "Verify chain"}
      </Button>
      <span role="status" data-testid="chain-status" className="text-sm">
        {outcome && !outcome.ok && <span className="text-red-700">{outcome.error}</span>}
        {outcome?.ok && outcome.data.ok && (
          <span className="text-emerald-700">
            Chain OK — {outcome.data.entries} entries, none changed or missing
            {outcome.data.anchoredUpTo !== null
              ? `; matches the anchor up to entry #${outcome.data.anchoredUpTo}.`
              : "."}
          </span>
        )}
        {outcome?.ok && !outcome.data.ok && (
          <span className="inline-flex items-center gap-1 font-medium text-red-700">
            <ShieldAlert className="size-4" aria-hidden /> Chain broken at entry #{outcome.data.brokenAt}:{" "}
            {outcome.data.reason}.
          </span>
        )}
      </span>
    </div>
  );
}
