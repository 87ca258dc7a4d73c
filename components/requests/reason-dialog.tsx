"use client";

import { useState } from "react";
import { Modal, ModalActions } from "@/components/ui/modal";

/** A confirmation that needs a reason (rejecting, abandoning): the audit log records it. */
export function ReasonDialog({
  title,
  body,
  confirm,
  onConfirm,
  onCancel,
}: {
  title: string;
  body: string;
  confirm: string;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState("");
  const valid = reason.trim().length >= 3;
  return (
    <Modal open onOpenChange={(open) => !open && onCancel()} title={title} description={body}>
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) onConfirm(reason.trim());
        }}
      >
        <label className="block text-sm font-medium text-slate-700">
          Reason
          <textarea
            autoFocus
            required
            minLength={3}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            className="input mt-1 h-24"
          />
        </label>
        <ModalActions onCancel={onCancel} submit={confirm} variant="danger" disabled={!valid} />
      </form>
    </Modal>
  );
}
