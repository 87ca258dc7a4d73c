import Link from "next/link";
import type { ConnectionStatus } from "@/lib/iam/server";

/** Always visible: which IAM the app is changing. Live mode is red on purpose. */
export function ModeBanner({ status }: { status: ConnectionStatus }) {
  const live = status.mode === "live";
  const tone = !status.reachable
    ? "bg-slate-700 text-white"
    : live
      ? "bg-red-700 text-white"
      : "bg-amber-300 text-amber-950";
  const label = live ? "LIVE AWS ACCOUNT" : "IAM SANDBOX";
  return (
    <div
      role="status"
      data-testid="mode-banner"
      data-mode={status.mode}
      className={`flex flex-wrap items-center justify-between gap-2 px-4 py-1.5 text-xs font-medium ${tone}`}
    >
      <span>
        <strong className="tracking-wide">{label}</strong>
        {status.reachable ? (
          <>
            {" "}
            · account <span className="font-mono">{status.accountId}</span>
            {live
              ? " — changes here affect real people"
              : " — a local stand-in for AWS IAM, nothing real is changed"}
          </>
        ) : (
          <> · not reachable: {status.problem}</>
        )}
      </span>
      <Link href="/settings/connection" className="underline underline-offset-2">
        Connection
      </Link>
    </div>
  );
}
