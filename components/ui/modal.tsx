"use client";

import { Dialog } from "radix-ui";
import { useRef, type ReactNode } from "react";
import { Button } from "./button";

/**
 * An accessible dialog (focus trap, Escape to close, labelled by its title). Focus starts on the
 * element marked `data-autofocus` (else the first focusable one) and returns to the opener when
 * it closes: Radix only returns it to a Dialog.Trigger, and our dialogs open from state, so the
 * opener is noted here. Not React's autoFocus: it moves focus before the opener is noted.
 */
export function Modal({
  open,
  onOpenChange,
  title,
  description,
  keepOpen,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: string;
  /** On Escape or a click outside: true keeps the dialog open (it asks first, e.g. before losing typed text). */
  keepOpen?: () => boolean;
  children: ReactNode;
}) {
  const content = useRef<HTMLDivElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const guard = (e: Event) => {
    if (keepOpen?.()) e.preventDefault();
  };
  const focusFirst = (e: Event) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const first = content.current?.querySelector<HTMLElement>("[data-autofocus]");
    if (!first) return;
    e.preventDefault();
    first.focus();
  };
  const focusOpener = (e: Event) => {
    if (!opener.current?.isConnected) return;
    e.preventDefault();
    opener.current.focus();
  };
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        {/* Never taller than the window: a long plan or a warning scrolls inside, the buttons stay reachable. */}
        <Dialog.Content
          ref={content}
          onOpenAutoFocus={focusFirst}
          onCloseAutoFocus={focusOpener}
          onEscapeKeyDown={guard}
          onInteractOutside={guard}
          className="fixed left-1/2 top-4 z-50 max-h-[calc(100vh-2rem)] w-[calc(100%-2rem)] max-w-lg -translate-x-1/2 overflow-y-auto rounded-lg bg-white p-6 shadow-xl sm:top-24 sm:max-h-[calc(100vh-8rem)]"
        >
          <Dialog.Title className="text-lg font-semibold">{title}</Dialog.Title>
          {description ? (
            <Dialog.Description className="mt-1 text-sm text-slate-600">{description}</Dialog.Description>
          ) : (
            <Dialog.Description className="sr-only">{title}</Dialog.Description>
          )}
          <div className="mt-4">{children}</div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** A button that opens a dialog: the "Create…", "Add…", "Edit" of a page. */
export function ModalButton({
  label,
  variant,
  open,
  onOpenChange,
  ...modal
}: Parameters<typeof Modal>[0] & { label: ReactNode; variant?: "primary" | "secondary" | "ghost" }) {
  return (
    <>
      <Button variant={variant} onClick={() => onOpenChange(true)}>
        {label}
      </Button>
      <Modal open={open} onOpenChange={onOpenChange} {...modal} />
    </>
  );
}

/** A dialog form's buttons: Cancel closes it; the submit button says `pendingLabel` while the call runs. */
export function ModalActions({
  onCancel,
  submit,
  pendingLabel,
  pending = false,
  disabled = false,
  variant = "primary",
}: {
  onCancel: () => void;
  submit: string;
  pendingLabel?: string;
  pending?: boolean;
  disabled?: boolean;
  variant?: "primary" | "danger";
}) {
  return (
    <div className="flex justify-end gap-2">
      <Button type="button" variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" variant={variant} disabled={pending || disabled}>
        {pending && pendingLabel ? pendingLabel : submit}
      </Button>
    </div>
  );
}
