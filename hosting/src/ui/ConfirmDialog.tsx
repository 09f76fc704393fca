// A modal confirmation (Stop recording…): the platform's <dialog> opened with showModal(), so the
// page behind it is inert (the screen reader stays inside), Tab cycles through its buttons, Escape
// cancels, and focus goes back to what had it before (the button that asked) when it closes. Works inside a widget's
// shadow root too: the element that had focus is looked up through shadow roots.
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

/** The focused element, looked up through open shadow roots (a widget's button, not its host). */
function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel = 'Cancel',
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children?: ComponentChildren;
  confirmLabel: string;
  cancelLabel?: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);

  useLayoutEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      returnTo.current = deepActiveElement();
      element.showModal();
      cancel.current?.focus(); // the harmless choice first: Enter on a stray key press cancels
    } else if (!open && element.open) {
      element.close();
    }
  }, [open]);

  return (
    <dialog
      ref={dialog}
      class="confirm-dialog"
      aria-labelledby="confirm-dialog-title"
      onCancel={(event) => {
        event.preventDefault(); // Escape: closed through `open`, like the buttons
        onCancel();
      }}
      onKeyDown={(event) => {
        // Tab wraps between the first and last control: past the last one, the browser would take
        // focus to its own toolbar, out of the page.
        if (event.key !== 'Tab') return;
        const controls = [...(dialog.current?.querySelectorAll<HTMLElement>('button, a[href], input, select') ?? [])];
        const first = controls[0];
        const last = controls[controls.length - 1];
        if (event.shiftKey && event.target === first) {
          event.preventDefault();
          last?.focus();
        } else if (!event.shiftKey && event.target === last) {
          event.preventDefault();
          first?.focus();
        }
      }}
      onClose={() => {
        const back = returnTo.current;
        returnTo.current = null;
        if (back?.isConnected) back.focus();
      }}
    >
      <h2 id="confirm-dialog-title" class="confirm-dialog-title">
        {title}
      </h2>
      {children}
      <div class="actions">
        <button type="button" class="button button-danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button ref={cancel} type="button" class="button" onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </dialog>
  );
}
