"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import type { GroupSummary } from "@/lib/iam/read";
import { createRequestAction } from "@/app/(console)/requests/actions";
import { Button } from "@/components/ui/button";

export function GroupsTable({ groups, users, canPropose }: { groups: GroupSummary[]; users: string[]; canPropose: boolean }) {
  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <thead className="bg-slate-50 text-xs uppercase text-slate-500">
          <tr><th className="px-4 py-2">Group</th><th>Members</th><th>Policies</th>{canPropose && <th><span className="sr-only">Add a member</span></th>}</tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {groups.map((g) => (
            <tr key={g.groupName} className="align-top" data-testid="group-row" data-group={g.groupName}>
              <td className="px-4 py-3 font-medium">{g.groupName}</td>
              <td className="py-3 pr-4">
                <span className="font-medium">{g.members.length}</span>
                {g.members.length > 0 && <span className="text-slate-500"> — {g.members.join(", ")}</span>}
              </td>
              <td className="py-3 pr-4 text-slate-600">{[...g.attachedPolicies.map((p) => p.name), ...g.inlinePolicies.map((p) => `${p} (inline)`)].join(", ") || "—"}</td>
              {canPropose && <td className="py-3 pr-4"><AddMember group={g} users={users.filter((u) => !g.members.includes(u))} /></td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AddMember({ group, users }: { group: GroupSummary; users: string[] }) {
  const router = useRouter();
  const [userName, setUserName] = useState("");
  const [pending, start] = useTransition();
  if (users.length === 0) return <span className="text-xs text-slate-400">Everyone is a member</span>;
  return (
    <form
      className="flex gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const res = await createRequestAction({ kind: "group.add-member", input: { userName, groupName: group.groupName } });
          if (!res.ok) return void toast.error(res.error);
          toast.success(`Request #${res.data.number} created: waiting for approval`);
          router.push(`/requests/${res.data.id}`);
        });
      }}
    >
      <label className="sr-only" htmlFor={`add-${group.groupName}`}>User to add to {group.groupName}</label>
      <select id={`add-${group.groupName}`} required value={userName} onChange={(e) => setUserName(e.target.value)} className="rounded-md border border-slate-300 px-2 py-1 text-sm">
        <option value="">Add a user…</option>
        {users.map((u) => <option key={u} value={u}>{u}</option>)}
      </select>
      <Button type="submit" variant="secondary" disabled={!userName || pending}>Request</Button>
    </form>
  );
}
