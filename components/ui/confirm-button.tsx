"use client";

import { useState, type ReactNode } from "react";
import { Button } from "./button";
import { Modal } from "./modal";

type Confirmation = {
  title: string;
  body: string;
  /** The confirming button: what it does ("Remove", "Leave without them"). */
  confirm: string;
  onConfirm: () => void;
  /** danger (the default) for anything that removes access or loses something; primary otherwise. */
  tone?: "danger" | "primary";
};

/**
 * The app's confirmation dialog, opened by its caller (a select's change, a link, a step of a
 * flow); ConfirmButton is this behind a button. Never the browser's `confirm()`.
 */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  body,
  confirm,
  onConfirm,
  tone = "danger",
}: Confirmation & { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Modal open={open} onOpenChange={onOpenChange} title={title} description={body}>
      <div className="flex justify-end gap-2">
        {/* Focus starts on Cancel: Enter never confirms a removal by default. */}
        <Button variant="secondary" data-autofocus onClick={() => onOpenChange(false)}>
          Cancel
        </Button>
        <Button
          variant={tone}
          onClick={() => {
            onOpenChange(false);
            onConfirm();
          }}
        >
          {confirm}
        </Button>
      </div>
    </Modal>
  );
}

/** A button that asks first: for anything that removes access or cannot be undone. */
export function ConfirmButton({
  label,
  variant = "ghost",
  disabled,
  ariaLabel,
  ...confirmation
}: Confirmation & {
  label: ReactNode;
  variant?: "ghost" | "secondary" | "danger" | "primary";
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
      <ConfirmDialog open={open} onOpenChange={setOpen} {...confirmation} />
    </>
  );
}
