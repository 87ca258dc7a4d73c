"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { linkUserAction } from "@/app/(console)/people/actions";
import { ModalActions, ModalButton } from "@/components/ui/modal";
import { useServerAction } from "@/components/ui/use-server-action";

export function LinkUserButton({
  iamUserName,
  employees,
}: {
  iamUserName: string;
  employees: { id: string; name: string }[];
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [employeeId, setEmployeeId] = useState("");
  const { run, pending } = useServerAction();
  return (
    <ModalButton
      label="Link to a person"
      variant="ghost"
      open={open}
      onOpenChange={setOpen}
      title={`Link ${iamUserName}`}
      description="Say whose IAM user this is. Nothing changes in IAM."
    >
      {employees.length === 0 ? (
        <p className="text-sm text-slate-600">
          Everyone in the directory already has an IAM user. Add the person first.
        </p>
      ) : (
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            run(
              linkUserAction,
              { employeeId, iamUserName },
              {
                success: `${iamUserName} linked`,
                onSuccess: () => {
                  setOpen(false);
                  router.refresh();
                },
              },
            );
          }}
        >
          <label className="block text-sm font-medium text-slate-700">
            Person
            <select
              required
              value={employeeId}
              onChange={(e) => setEmployeeId(e.target.value)}
              className="input mt-1"
            >
              <option value="">Choose…</option>
              {employees.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                </option>
              ))}
            </select>
          </label>
          <ModalActions
            onCancel={() => setOpen(false)}
            submit="Link"
            pending={pending}
            disabled={!employeeId}
          />
        </form>
      )}
    </ModalButton>
  );
}
