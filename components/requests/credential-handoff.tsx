"use client";

import { useEffect, useState } from "react";
import { Copy, Download } from "lucide-react";
import { toast } from "sonner";
import type { RevealedSecret } from "@/lib/changes/types";
import { markHandedOverAction } from "@/app/(console)/requests/actions";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/components/ui/use-server-action";

type Bundle = { userName: string; password?: string; accessKeyId?: string; secretAccessKey?: string };

function bundles(secrets: RevealedSecret[]): Bundle[] {
  const byUser = new Map<string, Bundle>();
  for (const s of secrets) {
    const b = byUser.get(s.userName) ?? { userName: s.userName };
    if (s.kind === "password") b.password = s.password;
    else Object.assign(b, { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey });
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
  onDone,
  onMarked,
}: {
  requestId: string;
  secrets: RevealedSecret[];
  accountId: string | null;
  onDone: () => void;
  onMarked?: () => void;
}) {
  const signInUrl = accountId ? `https://${accountId}.signin.aws.amazon.com/console` : null;
  const [handedOver, setHandedOver] = useState<Set<string>>(new Set());
  const { run, pending } = useServerAction();
  const unhanded = bundles(secrets).length - handedOver.size;
  useLeaveGuard(
    unhanded > 0,
    "Leave this page? The credentials not marked handed over cannot be shown again (an admin can only re-issue new ones).",
  );

  function text(b: Bundle) {
    return [
      `AWS credentials for ${b.userName}`,
      signInUrl && b.password ? `Console sign-in URL: ${signInUrl}` : null,
      `User name: ${b.userName}`,
      b.password ? `Temporary password (change at first sign-in): ${b.password}` : null,
      b.accessKeyId ? `Access key id: ${b.accessKeyId}` : null,
      b.secretAccessKey ? `Secret access key: ${b.secretAccessKey}` : null,
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
      <h2 className="text-base font-semibold text-amber-950">Hand these credentials over now</h2>
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
            <dl className="grid grid-cols-[12rem_1fr_auto] items-center gap-x-3 gap-y-2 text-sm">
              {signInUrl && b.password && <Row label="Console sign-in URL" value={signInUrl} />}
              <Row label="User name" value={b.userName} />
              {b.password && (
                <Row label="Temporary password" value={b.password} testId="temporary-password" />
              )}
              {b.accessKeyId && <Row label="Access key id" value={b.accessKeyId} testId="access-key-id" />}
              {b.secretAccessKey && (
                <Row label="Secret access key" value={b.secretAccessKey} testId="secret-access-key" />
              )}
            </dl>
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
        <Button
          variant="ghost"
          onClick={() =>
            (handedOver.size === bundles(secrets).length ||
              window.confirm(
                "Close without marking every credential handed over? They cannot be shown again.",
              )) &&
            onDone()
          }
        >
          Done — forget these credentials
        </Button>
      </div>
    </section>
  );
}

function Row({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className="break-all font-mono" data-testid={testId}>
        {value}
      </dd>
      <button
        type="button"
        aria-label={`Copy ${label}`}
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
 * (beforeunload) and following an in-app link (a client-side navigation, which beforeunload
 * never sees) both ask first. The link guard listens in the capture phase on the document, so it
 * runs before Next's <Link> handler and can stop the navigation.
 */
function useLeaveGuard(active: boolean, question: string) {
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
      if (window.confirm(question)) return;
      e.preventDefault();
      e.stopImmediatePropagation();
    };
    window.addEventListener("beforeunload", onUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [active, question]);
}
