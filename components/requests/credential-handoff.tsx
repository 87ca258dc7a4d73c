"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Copy, Download } from "lucide-react";
import { toast } from "sonner";
import type { RevealedSecret } from "@/lib/changes/types";
import { markHandedOverAction } from "@/app/(console)/requests/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-button";
import { useServerAction } from "@/components/ui/use-server-action";

/** One account's credentials for a user (accountId null: the app's own account, as before accounts). */
type AccountSet = {
  accountId: string | null;
  password?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
};
/** A user's credentials: one set per account (onboarding into several accounts gives one each). */
type Bundle = { userName: string; sets: AccountSet[] };

function bundles(secrets: RevealedSecret[]): Bundle[] {
  const byUser = new Map<string, Bundle>();
  for (const s of secrets) {
    const b = byUser.get(s.userName) ?? { userName: s.userName, sets: [] };
    const accountId = s.accountId ?? null;
    let set = b.sets.find((x) => x.accountId === accountId);
    if (!set) b.sets.push((set = { accountId }));
    if (s.kind === "password") set.password = s.password;
    else Object.assign(set, { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey });
    byUser.set(s.userName, b);
  }
  return [...byUser.values()];
}

/**
 * The one-time credential hand-off. The secrets exist only in this component's memory: they
 * were returned by the execute call and are not stored anywhere. Leaving the page loses them.
 */
export function CredentialHandOff({
  requestId,
  secrets,
  accountId,
  accountNames = {},
  onDone,
  onMarked,
}: {
  requestId: string;
  secrets: RevealedSecret[];
  /** The app's own account, for the sign-in URL of credentials that name no account. */
  accountId: string | null;
  /** Names of the accounts the secrets name, by id. */
  accountNames?: Record<string, string>;
  onDone: () => void;
  onMarked?: () => void;
}) {
  const signInUrl = (set: AccountSet) => {
    const id = set.accountId ?? accountId;
    return id ? `https://${id}.signin.aws.amazon.com/console` : null;
  };
  const accountLabel = (set: AccountSet) =>
    set.accountId ? `${accountNames[set.accountId] ?? "Account"} (${set.accountId})` : null;
  const [handedOver, setHandedOver] = useState<Set<string>>(new Set());
  const { run, pending } = useServerAction();
  const unhanded = bundles(secrets).length - handedOver.size;
  const router = useRouter();
  // Leaving with credentials not handed over asks first, in the app's dialog: where to go (a
  // link's path) or "done" (forget them here), until answered.
  const [leaving, setLeaving] = useState<string | null>(null);
  useLeaveGuard(unhanded > 0, setLeaving);

  function text(b: Bundle) {
    return [
      `AWS credentials for ${b.userName}`,
      ...b.sets.flatMap((set) => [
        accountLabel(set) ? `\nAccount: ${accountLabel(set)}` : null,
        signInUrl(set) && set.password ? `Console sign-in URL: ${signInUrl(set)}` : null,
        `User name: ${b.userName}`,
        set.password ? `Temporary password (change at first sign-in): ${set.password}` : null,
        set.accessKeyId ? `Access key id: ${set.accessKeyId}` : null,
        set.secretAccessKey ? `Secret access key: ${set.secretAccessKey}` : null,
      ]),
    ]
      .filter(Boolean)
      .join("\n");
  }

  function download(b: Bundle) {
    const url = URL.createObjectURL(new Blob([`${text(b)}\n`], { type: "text/plain" }));
    Object.assign(document.createElement("a"), {
      href: url,
      download: `aws-credentials-${b.userName}.txt`,
    }).click();
    URL.revokeObjectURL(url);
  }

  return (
    <section
      role="region"
      aria-label="One-time credentials"
      className="rounded-lg border-2 border-amber-300 bg-amber-50 p-5"
    >
      <h2 className="text-base font-semibold text-amber-900">Hand these credentials over now</h2>
      <p className="mt-1 text-sm text-amber-900">
        They are shown once. Gatehouse did not store them; if you leave this page they are gone (an admin can
        issue new ones).
      </p>
      <div className="mt-4 space-y-4">
        {bundles(secrets).map((b) => (
          <div
            key={b.userName}
            className="rounded-md bg-white p-4 shadow-sm"
            data-testid="credential-bundle"
            data-user={b.userName}
          >
            {b.sets.map((set) => (
              <div
                key={set.accountId ?? "own"}
                className="mt-2 first:mt-0"
                data-account={set.accountId ?? undefined}
              >
                {accountLabel(set) && (
                  <h3 className="mb-1 text-sm font-semibold text-slate-800">{accountLabel(set)}</h3>
                )}
                <dl className="grid grid-cols-[12rem_1fr_auto] items-center gap-x-3 gap-y-2 text-sm">
                  {signInUrl(set) && set.password && (
                    <Row of={accountLabel(set)} label="Console sign-in URL" value={signInUrl(set)!} />
                  )}
                  <Row of={accountLabel(set)} label="User name" value={b.userName} />
                  {set.password && (
                    <Row
                      of={accountLabel(set)}
                      label="Temporary password"
                      value={set.password}
                      testId="temporary-password"
                    />
                  )}
                  {set.accessKeyId && (
                    <Row
                      of={accountLabel(set)}
                      label="Access key id"
                      value={set.accessKeyId}
                      testId="access-key-id"
                    />
                  )}
                  {set.secretAccessKey && (
                    <Row
                      of={accountLabel(set)}
                      label="Secret access key"
                      value={set.secretAccessKey}
                      testId="secret-access-key"
                    />
                  )}
                </dl>
              </div>
            ))}
            <div className="mt-3 flex gap-2">
              <Button variant="secondary" onClick={() => download(b)}>
                <Download className="size-4" aria-hidden /> Download
              </Button>
              <Button
                variant={handedOver.has(b.userName) ? "ghost" : "primary"}
                disabled={pending || handedOver.has(b.userName)}
                onClick={() =>
                  run(
                    markHandedOverAction,
                    { id: requestId, userName: b.userName },
                    {
                      onSuccess: () => {
                        setHandedOver((s) => new Set(s).add(b.userName));
                        onMarked?.();
                      },
                    },
                  )
                }
              >
                {handedOver.has(b.userName) ? "Handed over ✓" : "Mark handed over"}
              </Button>
            </div>
          </div>
        ))}
      </div>
      <div className="mt-4 text-right">
        <Button variant="ghost" onClick={() => (unhanded > 0 ? setLeaving("done") : onDone())}>
          Done — forget these credentials
        </Button>
      </div>
      <ConfirmDialog
        open={leaving !== null}
        onOpenChange={(open) => !open && setLeaving(null)}
        title={leaving === "done" ? "Close without handing every credential over?" : "Leave this page?"}
        body="The credentials not marked handed over cannot be shown again (an admin can only re-issue new ones)."
        confirm={leaving === "done" ? "Forget them" : "Leave without them"}
        onConfirm={() => (leaving === "done" ? onDone() : leaving && router.push(leaving))}
      />
    </section>
  );
}

/** `of`: the account, when a user has credentials in several (each copy button says whose it is). */
function Row({
  label,
  value,
  testId,
  of,
}: {
  label: string;
  value: string;
  testId?: string;
  of?: string | null;
}) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className="break-all font-mono" data-testid={testId}>
        {value}
      </dd>
      <button
        type="button"
        aria-label={`Copy ${label}${of ? ` (${of})` : ""}`}
        className="rounded p-1 text-slate-500 hover:bg-slate-100"
        onClick={() => navigator.clipboard.writeText(value).then(() => toast.success(`${label} copied`))}
      >
        <Copy className="size-4" aria-hidden />
      </button>
    </>
  );
}

/**
 * While credentials are unhanded, leaving the page loses them: closing or reloading the tab
 * (beforeunload: the browser's own prompt) and following an in-app link (a client-side
 * navigation, which beforeunload never sees) both ask first. The link guard listens in the
 * capture phase on the document, so it runs before Next's <Link> handler: it stops the
 * navigation and hands the link's path to `ask`, whose dialog follows it if confirmed.
 */
function useLeaveGuard(active: boolean, ask: (path: string) => void) {
  useEffect(() => {
    if (!active) return;
    const onUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    const onClick = (e: MouseEvent) => {
      const link = (e.target as Element | null)?.closest?.("a[href]") as HTMLAnchorElement | null;
      if (!link || link.target === "_blank" || link.hasAttribute("download") || e.defaultPrevented) return;
      const to = new URL(link.href, window.location.href);
      if (
        to.origin !== window.location.origin ||
        (to.pathname === window.location.pathname && to.search === window.location.search)
      )
        return;
      e.preventDefault();
      e.stopImmediatePropagation();
      ask(`${to.pathname}${to.search}${to.hash}`);
    };
    window.addEventListener("beforeunload", onUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [active, ask]);
}
