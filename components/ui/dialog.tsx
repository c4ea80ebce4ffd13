"use client";
// Dialog and ConfirmDialog: controlled modal built on the native <dialog> element (showModal).
import {
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type MouseEvent,
  type PointerEvent,
  type ReactNode,
  type SyntheticEvent,
} from "react";
import { Button } from "./button";
import { cx } from "./cx";
import { Input } from "./input";

const widths = {
  sm: "max-w-md",
  md: "max-w-lg",
  lg: "max-w-2xl",
} as const;

/**
 * Modal dialog. `open` drives showModal()/close(); every user dismissal (× button, Esc, backdrop
 * click) calls `onClose` and leaves the decision to the parent. Put `data-autofocus` on the element
 * that should receive focus when the dialog opens (defaults to the first focusable element).
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  footer,
  size = "md",
  dismissible = true,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  size?: keyof typeof widths;
  /** When false the ×, Esc and backdrop do nothing (e.g. while a request is in flight). */
  dismissible?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const openRef = useRef(open);
  const onCloseRef = useRef(onClose);
  const pointerDownOnBackdrop = useRef(false);

  useLayoutEffect(() => {
    openRef.current = open;
    onCloseRef.current = onClose;
  });

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open) {
      if (!dialog.open) {
        dialog.showModal();
        dialog.querySelector<HTMLElement>("[data-autofocus]")?.focus();
      }
    } else if (dialog.open) {
      dialog.close();
    }
  }, [open]);

  const hasDescription = description !== undefined && description !== null && description !== "";

  function handleCancel(e: SyntheticEvent<HTMLDialogElement>) {
    // Esc: never let the browser close the dialog by itself; the parent owns `open`.
    e.preventDefault();
    if (dismissible) onClose();
  }

  function handleNativeClose() {
    // The browser closed the dialog without us (e.g. a forced Esc, or a form with method="dialog"):
    // tell the parent so its state matches.
    if (openRef.current) onCloseRef.current();
  }

  function handlePointerDown(e: PointerEvent<HTMLDialogElement>) {
    pointerDownOnBackdrop.current = e.target === e.currentTarget;
  }

  function handleClick(e: MouseEvent<HTMLDialogElement>) {
    // The content wrapper fills the <dialog>, so a click whose target is the <dialog> itself
    // landed on the ::backdrop. Require the press to have started there too (no drag-selections).
    const onBackdrop = e.target === e.currentTarget && pointerDownOnBackdrop.current;
    pointerDownOnBackdrop.current = false;
    if (onBackdrop && dismissible) onClose();
  }

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={open && hasDescription ? descriptionId : undefined}
      onCancel={handleCancel}
      onClose={handleNativeClose}
      onPointerDown={handlePointerDown}
      onClick={handleClick}
      className={cx(
        "m-auto w-[calc(100%-2rem)] overflow-hidden rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl",
        "max-h-[calc(100dvh-2rem)] backdrop:bg-slate-900/50",
        widths[size],
      )}
    >
      {open ? (
        <div className="flex max-h-[calc(100dvh-2rem)] flex-col">
          <div className="flex shrink-0 items-start justify-between gap-4 px-5 pt-4 pb-3">
            <div className="min-w-0">
              <h2 id={titleId} className="text-base font-semibold text-slate-900">
                {title}
              </h2>
              {hasDescription ? (
                <div id={descriptionId} className="mt-1 text-sm text-slate-600">
                  {description}
                </div>
              ) : null}
            </div>
            <button
              type="button"
              aria-label="Close"
              onClick={onClose}
              disabled={!dismissible}
              className="-mr-1.5 inline-flex size-8 shrink-0 items-center justify-center rounded-md text-slate-500 hover:not-disabled:bg-slate-100 hover:not-disabled:text-slate-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 disabled:cursor-not-allowed disabled:opacity-50"
            >
              <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-5">
                <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
              </svg>
            </button>
          </div>
          {children !== undefined && children !== null && children !== false ? (
            <div className="min-h-0 flex-1 overflow-y-auto px-5 pb-4 text-sm text-slate-700">{children}</div>
          ) : null}
          {footer ? (
            <div className="flex shrink-0 flex-wrap items-center justify-end gap-2 border-t border-slate-200 bg-slate-50 px-5 py-3">
              {footer}
            </div>
          ) : null}
        </div>
      ) : null}
    </dialog>
  );
}

/**
 * Confirmation for (usually destructive) actions. With `confirmText`, the confirm button stays
 * disabled until the user types that exact text. If `onConfirm` returns a promise, the dialog
 * shows the busy state until it settles; closing is left to the parent either way.
 */
export function ConfirmDialog({
  open,
  onClose,
  onConfirm,
  title,
  description,
  confirmLabel,
  cancelLabel = "Cancel",
  tone = "danger",
  confirmText,
  busy = false,
  children,
}: {
  open: boolean;
  onClose: () => void;
  onConfirm: () => void | Promise<void>;
  title: string;
  description?: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  tone?: "danger" | "primary";
  confirmText?: string;
  busy?: boolean;
  children?: ReactNode;
}) {
  const inputId = useId();
  const [typed, setTyped] = useState("");
  const [pending, setPending] = useState(false);
  const [wasOpen, setWasOpen] = useState(open);
  // Reset the typed confirmation whenever the dialog is (re)opened.
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) setTyped("");
  }

  const working = busy || pending;
  const matches = !confirmText || typed === confirmText;

  function confirm() {
    if (working || !matches) return;
    const result = onConfirm();
    if (result instanceof Promise) {
      setPending(true);
      void result.then(
        () => setPending(false),
        (err: unknown) => {
          setPending(false);
          throw err;
        },
      );
    }
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={title}
      description={description}
      size="sm"
      dismissible={!working}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={working} data-autofocus={confirmText ? undefined : ""}>
            {cancelLabel}
          </Button>
          <Button
            variant={tone === "primary" ? "primary" : "danger"}
            onClick={confirm}
            loading={working}
            disabled={!matches}
          >
            {confirmLabel}
          </Button>
        </>
      }
    >
      {children || confirmText ? (
        <div className="space-y-4">
          {children}
          {confirmText ? (
            <div className="space-y-1.5">
              <label htmlFor={inputId} className="block text-sm text-slate-700">
                Type <b className="font-mono font-semibold text-slate-900">{confirmText}</b> to confirm
              </label>
              <Input
                id={inputId}
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === "Enter") {
                    e.preventDefault();
                    confirm();
                  }
                }}
                disabled={working}
                autoComplete="off"
                autoCapitalize="off"
                autoCorrect="off"
                spellCheck={false}
                className="font-mono"
                data-autofocus=""
              />
            </div>
          ) : null}
        </div>
      ) : null}
    </Dialog>
  );
}
