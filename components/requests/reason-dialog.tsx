"use client";

import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
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
  // Escape or a click outside with a reason typed asks first instead of losing it.
  const [asking, setAsking] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  const valid = reason.trim().length >= 3;
  return (
    <Modal
      open
      onOpenChange={(open) => !open && onCancel()}
      keepOpen={() => {
        if (!reason.trim()) return false;
        setAsking(true);
        return true;
      }}
      title={title}
      description={body}
    >
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) onConfirm(reason.trim());
        }}
      >
        {/* The reason comes first (Enter in it is a new line, and confirming needs one). */}
        <label className="block text-sm font-medium text-slate-700">
          Reason
          <textarea
            ref={field}
            data-autofocus
            required
            minLength={3}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            className="input mt-1 h-24"
          />
        </label>
        {asking ? (
          <div role="alert" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
            <p>Discard the reason you typed?</p>
            <div className="mt-2 flex justify-end gap-2">
              <Button
                type="button"
                variant="secondary"
                autoFocus
                onClick={() => {
                  setAsking(false);
                  field.current?.focus();
                }}
              >
                Keep editing
              </Button>
              <Button type="button" variant="danger" onClick={onCancel}>
                Discard
              </Button>
            </div>
          </div>
        ) : (
          <ModalActions onCancel={onCancel} submit={confirm} variant="danger" disabled={!valid} />
        )}
      </form>
    </Modal>
  );
}
