'use client';

import * as RadixDialog from '@radix-ui/react-dialog';
import { useEffect, useRef, type ReactNode } from 'react';
import { registerModal } from './use-hotkeys';
import { useLatestRef } from './use-latest-ref';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
/** What a clerk types into: the first of these gets the cursor so typing after F4 lands in the form. */
const FORM_FIELD =
  'input:not([disabled]):not([readonly]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]):not([readonly])';

/**
 * The element that takes the cursor when the dialog opens: the caller's choice, then a `data-autofocus` mark,
 * then the first form field of the body, then anything focusable in the body or the footer. Never the ×
 * button: Radix would pick it (the first tabbable in the content), and a clerk who types right after F4
 * would type into nothing.
 */
function initialFocusTarget(content: HTMLElement, initialFocus?: string): HTMLElement | null {
  const notClose = (el: HTMLElement | null) => (el && !el.closest('[data-dialog-close]') ? el : null);
  return (
    (initialFocus ? content.querySelector<HTMLElement>(initialFocus) : null) ??
    content.querySelector<HTMLElement>('[data-autofocus]') ??
    content.querySelector<HTMLElement>(`.dialog-body :is(${FORM_FIELD})`) ??
    content.querySelector<HTMLElement>(`.dialog-body :is(${FOCUSABLE})`) ??
    notClose(content.querySelector<HTMLElement>(`.dialog-footer :is(${FOCUSABLE})`))
  );
}

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

/**
 * Modal dialog on Radix (focus trap, Escape for the top dialog only, focus back to the opener, inert page
 * behind, portal to <body>). Ours on top: the cursor starts in the first form field, Alt+S saves, and
 * screen-wide useHotkeys shortcuts pause while it is open.
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
  const contentRef = useRef<HTMLDivElement>(null);
  const onCloseRef = useLatestRef(onClose);
  const onSaveRef = useLatestRef(onSave);

  useEffect(() => {
    if (!open) return;
    return registerModal();
  }, [open]);

  // Radix hands focus back to a Dialog.Trigger; our dialogs are opened by hotkeys and toolbar buttons, so the
  // element that had focus when the dialog opened is remembered and gets it back.
  const opener = useRef<HTMLElement | null>(null);
  const stopWatching = useRef<() => void>(() => {});
  useEffect(() => () => stopWatching.current(), []);

  /**
   * A form whose fields arrive a moment after opening (fetched options, a lazy part) would leave the cursor on
   * the dialog itself: the first field gets it as soon as it shows, unless the user has moved already.
   */
  const watchForField = (node: HTMLElement) => {
    stopWatching.current();
    if (typeof MutationObserver === 'undefined') return;
    const observer = new MutationObserver(() => {
      if (document.activeElement !== node) return observer.disconnect();
      const target = initialFocusTarget(node, initialFocus);
      if (target) {
        target.focus();
        observer.disconnect();
      }
    });
    observer.observe(node, { childList: true, subtree: true });
    const stop = window.setTimeout(() => observer.disconnect(), 3000);
    stopWatching.current = () => {
      window.clearTimeout(stop);
      observer.disconnect();
    };
  };

  if (!open) return null;

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey && (e.key === 's' || e.key === 'S' || e.code === 'KeyS') && onSaveRef.current) {
      e.preventDefault();
      e.stopPropagation();
      onSaveRef.current();
    }
  };

  return (
    <RadixDialog.Root open onOpenChange={(next) => !next && onCloseRef.current()}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-50 bg-slate-900/40" />
        <div className="pointer-events-none fixed inset-0 z-50 flex items-start justify-center overflow-y-auto p-4 pt-[8vh]">
          <RadixDialog.Content
            ref={contentRef}
            role={role}
            aria-modal="true"
            // Radix wires aria-describedby to its Description; without one the attribute must be absent.
            {...(description ? {} : { 'aria-describedby': undefined })}
            onOpenAutoFocus={(e) => {
              e.preventDefault();
              opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
              const node = contentRef.current;
              if (!node) return;
              const target = initialFocusTarget(node, initialFocus);
              if (target) return target.focus();
              node.focus();
              watchForField(node);
            }}
            onCloseAutoFocus={(e) => {
              e.preventDefault();
              stopWatching.current();
              if (opener.current?.isConnected) opener.current.focus();
            }}
            onPointerDownOutside={(e) => {
              if (!closeOnBackdrop) e.preventDefault();
            }}
            onKeyDown={onKeyDown}
            data-testid={rest['data-testid']}
            className={`pointer-events-auto w-full ${WIDTHS[size]} rounded-lg bg-white shadow-xl outline-none`}
          >
            <div className="flex items-start justify-between gap-4 border-b border-slate-200 px-5 py-3">
              <div>
                <RadixDialog.Title className="text-base font-semibold text-slate-900">{title}</RadixDialog.Title>
                {description && (
                  <RadixDialog.Description asChild>
                    <div className="mt-0.5 text-sm text-slate-500">{description}</div>
                  </RadixDialog.Description>
                )}
              </div>
              <RadixDialog.Close
                aria-label="Đóng"
                title="Đóng (Esc)"
                data-dialog-close=""
                className="-mr-2 rounded px-2 text-xl leading-none text-slate-400 hover:bg-slate-100 hover:text-slate-700"
              >
                ×
              </RadixDialog.Close>
            </div>
            <div className="dialog-body max-h-[70vh] overflow-y-auto px-5 py-4">{children}</div>
            {footer && (
              <div className="dialog-footer flex justify-end gap-2 border-t border-slate-200 px-5 py-3">{footer}</div>
            )}
          </RadixDialog.Content>
        </div>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
