'use client';

import { useEffect, useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { registerModal } from './use-hotkeys';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Props of `<Dialog>`: rendered only while `open`; `onClose` is called on Escape, the × button and a backdrop click. */
export interface DialogProps {
  open: boolean;
  /** Heading (also the accessible name). */
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  /** Buttons row at the bottom (right-aligned). */
  footer?: ReactNode;
  /** Width preset: sm 24rem, md 32rem, lg 48rem, xl 64rem. */
  size?: 'sm' | 'md' | 'lg' | 'xl';
  /** Optional description under the title (aria-describedby). */
  description?: ReactNode;
  /** Clicking the backdrop closes the dialog (default true; set false for forms with unsaved input). */
  closeOnBackdrop?: boolean;
  /** Selector (inside the dialog) of the element to focus on open; default the first focusable field. */
  initialFocus?: string;
  /** Alt+S inside the dialog calls this (e.g. submit the dialog's form). */
  onSave?: () => void;
  /** role="alertdialog" for confirmations. */
  role?: 'dialog' | 'alertdialog';
  'data-testid'?: string;
}

const WIDTHS = { sm: 'max-w-sm', md: 'max-w-lg', lg: 'max-w-3xl', xl: 'max-w-5xl' } as const;

/** Open dialogs, innermost last: only the top one reacts to an Escape pressed outside every dialog. */
const stack: HTMLElement[] = [];

/**
 * Modal dialog: portal to <body>, Escape closes, Tab cycles inside (focus trap-lite), focus returns to the
 * opener on close, and screen-wide useHotkeys shortcuts are paused while it is open.
 */
export function Dialog({
  open,
  title,
  onClose,
  children,
  footer,
  size = 'md',
  description,
  closeOnBackdrop = true,
  initialFocus,
  onSave,
  role = 'dialog',
  ...rest
}: DialogProps) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const descId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  const onSaveRef = useRef(onSave);
  onSaveRef.current = onSave;

  useEffect(() => {
    if (!open) return;
    const unregister = registerModal();
    const opener = document.activeElement as HTMLElement | null;
    const node = ref.current;
    if (node) stack.push(node);
    // Escape while focus has wandered outside the dialog (e.g. onto <body>) still closes the top dialog.
    const onDocKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || !node || stack[stack.length - 1] !== node) return;
      if (e.target instanceof Node && node.contains(e.target)) return;
      e.preventDefault();
      onCloseRef.current();
    };
    document.addEventListener('keydown', onDocKey);
    const t = window.setTimeout(() => {
      if (!node) return;
      const target =
        (initialFocus ? node.querySelector<HTMLElement>(initialFocus) : null) ??
        node.querySelector<HTMLElement>('[data-autofocus]') ??
        node.querySelector<HTMLElement>(`.dialog-body ${FOCUSABLE}`) ??
        node.querySelector<HTMLElement>(FOCUSABLE);
      (target ?? node).focus();
    }, 0);
    return () => {
      window.clearTimeout(t);
      document.removeEventListener('keydown', onDocKey);
      const i = node ? stack.indexOf(node) : -1;
      if (i >= 0) stack.splice(i, 1);
      unregister();
      if (opener && document.contains(opener)) opener.focus();
    };
  }, [open, initialFocus]);

  if (!open || typeof document === 'undefined') return null;

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onCloseRef.current();
      return;
    }
    if (e.altKey && (e.key === 's' || e.key === 'S' || e.code === 'KeyS') && onSaveRef.current) {
      e.preventDefault();
      e.stopPropagation();
      onSaveRef.current();
      return;
    }
    if (e.key === 'Tab' && ref.current) {
      const items = Array.from(ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => el.offsetParent !== null);
      if (items.length === 0) {
        e.preventDefault();
        return;
      }
      const first = items[0]!;
      const last = items[items.length - 1]!;
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
  };

  return createPortal(
    <div
      className="fixed inset-0 z-50 flex items-start justify-center overflow-y-auto bg-slate-900/40 p-4 pt-[8vh]"
      onMouseDown={(e) => {
        if (closeOnBackdrop && e.target === e.currentTarget) onCloseRef.current();
      }}
    >
      <div
        ref={ref}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description ? descId : undefined}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        data-testid={rest['data-testid']}
        className={`w-full ${WIDTHS[size]} rounded-lg bg-white shadow-xl outline-none`}
      >
        <div className="flex items-start justify-between gap-4 border-b border-slate-200 px-5 py-3">
          <div>
            <h2 id={titleId} className="text-base font-semibold text-slate-900">
              {title}
            </h2>
            {description && (
              <div id={descId} className="mt-0.5 text-sm text-slate-500">
                {description}
              </div>
            )}
          </div>
          <button
            type="button"
            onClick={() => onCloseRef.current()}
            aria-label="Đóng"
            title="Đóng (Esc)"
            className="-mr-2 rounded px-2 text-xl leading-none text-slate-400 hover:bg-slate-100 hover:text-slate-700"
          >
            ×
          </button>
        </div>
        <div className="dialog-body max-h-[70vh] overflow-y-auto px-5 py-4">{children}</div>
        {footer && <div className="flex justify-end gap-2 border-t border-slate-200 px-5 py-3">{footer}</div>}
      </div>
    </div>,
    document.body,
  );
}
