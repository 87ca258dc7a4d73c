"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { createRequestAction } from "@/app/(console)/requests/actions";
import type { KeyProposal } from "@/lib/review";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { Modal } from "@/components/ui/modal";
import { Time } from "@/components/ui/time";

type Outcome = { key: string; number?: number; id?: string; error?: string };
const keyOf = (p: KeyProposal) => `${p.userName}/${p.accessKeyId ?? p.created}`;
const ACTION: Record<string, string> = {
  delete: "Delete the key",
  deactivate: "Deactivate the key (rotation is not built yet)",
};
const actionOf = (p: KeyProposal) =>
  p.request
    ? p.request.kind === "user.retire-key"
      ? ACTION[String(p.request.input.action)]
      : "Rotate the key"
    : "—";

/**
 * The keys that break the key policy, each with its proposed request; "Request selected" creates
 * one request per chosen key, one after another, for an admin to approve (none runs here).
 */
export function KeyProposals({ proposals, canPropose }: { proposals: KeyProposal[]; canPropose: boolean }) {
  const router = useRouter();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [running, setRunning] = useState(false);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const requestable = proposals;
  const selected = requestable.filter((p) => chosen.has(keyOf(p)));
  const toggle = (k: string) =>
    setChosen((s) => {
      const next = new Set(s);
      if (!next.delete(k)) next.add(k);
      return next;
    });

  async function requestAll() {
    setRunning(true);
    const out: Outcome[] = [];
    for (const p of selected) {
      const res = await createRequestAction(p.request as Parameters<typeof createRequestAction>[0]);
      out.push(
        res.ok
          ? { key: keyOf(p), id: res.data.id, number: res.data.number }
          : { key: keyOf(p), error: res.error },
      );
      setOutcomes([...out]);
    }
    setRunning(false);
  }
  function close() {
    if (running) return;
    const finished = outcomes.length > 0;
    setConfirming(false);
    setOutcomes([]);
    if (finished) {
      setChosen(new Set());
      router.refresh();
    }
  }

  return (
    <>
      {canPropose && (
        <div className="mb-3 flex items-center gap-2">
          <Button type="button" disabled={selected.length === 0} onClick={() => setConfirming(true)}>
            Request selected{selected.length ? ` (${selected.length})` : ""}
          </Button>
          <Button
            type="button"
            variant="ghost"
            onClick={() =>
              setChosen(new Set(chosen.size === requestable.length ? [] : requestable.map(keyOf)))
            }
          >
            {chosen.size === requestable.length && requestable.length > 0 ? "Select none" : "Select all"}
          </Button>
        </div>
      )}
      <DataTable
        columns={[
          ...(canPropose ? [{ label: "Select", srOnly: true, className: "w-8 pl-4" }] : []),
          { label: "User", className: "px-4 py-2" },
          "Access key",
          "Created",
          "Last used",
          "Why",
          "Proposed",
        ]}
      >
        {proposals.map((p) => (
          <tr key={keyOf(p)} data-testid="key-proposal" data-user={p.userName} data-kind={p.kind}>
            {canPropose && (
              <td className="pl-4">
                <input
                  type="checkbox"
                  checked={chosen.has(keyOf(p))}
                  onChange={() => toggle(keyOf(p))}
                  aria-label={`Select the key of ${p.userName} created ${p.created}`}
                />
              </td>
            )}
            <td className="px-4 py-2">
              <Link
                href={`/review/person/${encodeURIComponent(p.userName)}`}
                className="text-indigo-700 hover:underline"
              >
                {p.userName}
              </Link>
            </td>
            <td className="font-mono text-xs">{p.accessKeyId ?? "(id read when requested)"}</td>
            <td>
              <Time value={p.created} /> <span className="text-xs text-slate-500">({p.ageDays} days)</span>
            </td>
            <td>{p.lastUsed ? <Time value={p.lastUsed} /> : "never"}</td>
            <td className="text-xs">{p.reasons.join("; ")}</td>
            <td>
              <Badge tone={p.kind === "remove" ? "red" : "amber"}>
                {p.kind === "remove" ? "Remove" : "Rotation"}
              </Badge>
              <div className="text-xs text-slate-600">{actionOf(p)}</div>
            </td>
          </tr>
        ))}
      </DataTable>
      <Modal
        open={confirming}
        onOpenChange={(o) => {
          if (!o) close();
        }}
        title={`Request ${selected.length} key change${selected.length === 1 ? "" : "s"}?`}
        description="One request per key, each planned from IAM now and waiting for an admin's approval. Nothing changes until it is approved and executed."
      >
        <ul className="max-h-80 space-y-1 overflow-y-auto text-sm" data-testid="key-requests">
          {selected.map((p) => {
            const o = outcomes.find((x) => x.key === keyOf(p));
            return (
              <li key={keyOf(p)} data-status={o ? (o.error ? "refused" : "created") : "waiting"}>
                <strong>{p.userName}</strong> <span className="font-mono text-xs">{p.accessKeyId}</span> —{" "}
                {actionOf(p)}
                {o &&
                  (o.id ? (
                    <>
                      {" "}
                      ·{" "}
                      <Link className="text-indigo-700 hover:underline" href={`/requests/${o.id}`}>
                        request #{o.number}
                      </Link>
                    </>
                  ) : (
                    <span className="text-red-700"> · {o.error}</span>
                  ))}
              </li>
            );
          })}
        </ul>
        {!running && outcomes.length === selected.length && outcomes.length > 0 && (
          <p role="status" className="mt-3 text-sm">
            {outcomes.filter((o) => o.id).length} of {outcomes.length} requested; an admin approves them on
            Requests.
          </p>
        )}
        <div className="mt-4 flex justify-end gap-2">
          <Button type="button" variant="secondary" data-autofocus disabled={running} onClick={close}>
            {outcomes.length ? "Close" : "Cancel"}
          </Button>
          {outcomes.length === 0 && (
            <Button type="button" disabled={running} onClick={() => void requestAll()}>
              {running ? "Requesting…" : `Request ${selected.length}`}
            </Button>
          )}
        </div>
      </Modal>
    </>
  );
}
