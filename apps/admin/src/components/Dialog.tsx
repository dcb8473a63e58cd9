import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface DialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  /** Escape, the backdrop's Cancel and the close button call this; ignored while `busy`. */
  onClose: () => void;
  busy?: boolean;
  wide?: boolean;
}

/** A modal for forms and details (ConfirmDialog is the one for yes/no questions). */
export function Dialog({ open, title, children, onClose, busy = false, wide = false }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal?.();
    if (!open && dialog.open) dialog.close?.();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={`dialog ${wide ? 'dialog-wide' : ''}`}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
    >
      {open && (
        <div className="dialog-content">
          <div className="dialog-title-row">
            <h2 id={titleId}>{title}</h2>
            <button
              type="button"
              className="icon-button dialog-close"
              aria-label="Close"
              onClick={onClose}
              disabled={busy}
            >
              ×
            </button>
          </div>
          {children}
        </div>
      )}
    </dialog>
  );
}
