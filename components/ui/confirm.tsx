'use client';

import { useCallback, useRef, useState, type ReactNode } from 'react';
import { Button } from './button';
import { Dialog } from './dialog';

/** Props of `<ConfirmDialog>`: a yes/no question; `danger` paints the confirm button red. */
export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  message: ReactNode;
  /** Default "Đồng ý". */
  confirmLabel?: string;
  /** Default "Hủy". */
  cancelLabel?: string;
  danger?: boolean;
  /** Disables the buttons and shows "Đang xử lý…" while the action runs. */
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Confirmation modal (Escape = cancel, focus starts on the cancel button for dangerous actions). */
export function ConfirmDialog({
  open,
  title,
  message,
  confirmLabel = 'Đồng ý',
  cancelLabel = 'Hủy',
  danger = false,
  busy = false,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  return (
    <Dialog
      open={open}
      title={title}
      onClose={busy ? () => {} : onCancel}
      size="sm"
      role="alertdialog"
      initialFocus={danger ? '[data-confirm-cancel]' : '[data-confirm-ok]'}
      data-testid="confirm-dialog"
      footer={
        <>
          <Button data-confirm-cancel="" onClick={onCancel} disabled={busy} data-testid="confirm-cancel">
            {cancelLabel}
          </Button>
          <Button
            data-confirm-ok=""
            variant={danger ? 'danger' : 'primary'}
            onClick={onConfirm}
            disabled={busy}
            data-testid="confirm-ok"
          >
            {busy ? 'Đang xử lý…' : confirmLabel}
          </Button>
        </>
      }
    >
      <div className="text-sm text-slate-700">{message}</div>
    </Dialog>
  );
}

/** Options of `confirm()` from `useConfirm()`. */
export type ConfirmOptions = Omit<ConfirmDialogProps, 'open' | 'onConfirm' | 'onCancel' | 'busy'>;

/**
 * Promise-based confirmation: `const { confirm, confirmElement } = useConfirm();` render `{confirmElement}`
 * once, then `if (await confirm({ title, message, danger: true })) …`.
 */
export function useConfirm(): { confirm: (opts: ConfirmOptions) => Promise<boolean>; confirmElement: ReactNode } {
  const [opts, setOpts] = useState<ConfirmOptions | null>(null);
  const resolver = useRef<((v: boolean) => void) | null>(null);
  const confirm = useCallback((o: ConfirmOptions) => {
    resolver.current?.(false);
    setOpts(o);
    return new Promise<boolean>((resolve) => {
      resolver.current = resolve;
    });
  }, []);
  const finish = (v: boolean) => {
    resolver.current?.(v);
    resolver.current = null;
    setOpts(null);
  };
  const confirmElement = opts ? (
    <ConfirmDialog open {...opts} onConfirm={() => finish(true)} onCancel={() => finish(false)} />
  ) : null;
  return { confirm, confirmElement };
}
