"use client";

import { useState, type ReactNode } from "react";
import { Button } from "./button";
import { Modal } from "./modal";

/** A button that asks first: for anything that removes access or cannot be undone. */
export function ConfirmButton({
  label,
  title,
  body,
  confirm,
  onConfirm,
  variant = "ghost",
  disabled,
  ariaLabel,
}: {
  label: ReactNode;
  title: string;
  body: string;
  confirm: string;
  onConfirm: () => void;
  variant?: "ghost" | "secondary" | "danger";
  disabled?: boolean;
  ariaLabel?: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        type="button"
        variant={variant}
        disabled={disabled}
        aria-label={ariaLabel}
        onClick={() => setOpen(true)}
      >
        {label}
      </Button>
      <Modal open={open} onOpenChange={setOpen} title={title} description={body}>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button
            variant="danger"
            autoFocus
            onClick={() => {
              setOpen(false);
              onConfirm();
            }}
          >
            {confirm}
          </Button>
        </div>
      </Modal>
    </>
  );
}
