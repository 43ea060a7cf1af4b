'use client';

import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { toast, Toaster } from 'sonner';

type ToastKind = 'success' | 'error' | 'info';

/** What `useToast()` returns: `success(msg)`, `error(msg)`, `info(msg)`, `dismiss(id)`. */
export interface ToastApi {
  success: (message: string) => number;
  error: (message: string) => number;
  info: (message: string) => number;
  dismiss: (id: number) => void;
}

const ToastContext = createContext<ToastApi | null>(null);

/** Props of `<ToastProvider>`: `duration` (ms) success/info toasts stay; errors stay twice as long. */
export interface ToastProviderProps {
  children: ReactNode;
  duration?: number;
}

/**
 * Wrap a screen (or a layout) once; nested providers reuse the outer one so toasts never show twice.
 * Toasts are sonner's (bottom-right, aria-live region, stacking, pause on hover); click one to dismiss it.
 */
export function ToastProvider({ children, duration = 4000 }: ToastProviderProps) {
  const outer = useContext(ToastContext);
  if (outer) return <>{children}</>;
  return <ToastRoot duration={duration}>{children}</ToastRoot>;
}

const TONES: Record<ToastKind, string> = {
  success: 'border-emerald-200 bg-emerald-50 text-emerald-800',
  error: 'border-red-200 bg-red-50 text-red-800',
  info: 'border-slate-200 bg-white text-slate-800',
};

/** Numeric ids keep `ToastApi` as it was; one counter for the tab, as sonner's toast list is global. */
let nextId = 1;

function ToastRoot({ children, duration }: { children: ReactNode; duration: number }) {
  const api = useMemo<ToastApi>(() => {
    const push = (kind: ToastKind, message: string) =>
      toast.custom(
        (id) => (
          <div
            role={kind === 'error' ? 'alert' : 'status'}
            data-testid={`toast-${kind}`}
            onClick={() => toast.dismiss(id)}
            className={`w-96 max-w-[calc(100vw-2rem)] cursor-pointer rounded-md border px-4 py-2.5 text-sm shadow-lg ${TONES[kind]}`}
          >
            {message}
          </div>
        ),
        { id: nextId++, duration: kind === 'error' ? duration * 2 : duration },
      ) as number;
    return {
      success: (m) => push('success', m),
      error: (m) => push('error', m),
      info: (m) => push('info', m),
      dismiss: (id) => void toast.dismiss(id),
    };
  }, [duration]);
  return (
    <ToastContext.Provider value={api}>
      {children}
      <Toaster position="bottom-right" visibleToasts={5} containerAriaLabel="Thông báo" />
    </ToastContext.Provider>
  );
}

const NOOP: ToastApi = {
  success: () => 0,
  error: () => 0,
  info: () => 0,
  dismiss: () => {},
};

/** Access the nearest `<ToastProvider>`; outside one the calls are silently ignored (and warned in dev). */
export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api && process.env.NODE_ENV !== 'production' && typeof window !== 'undefined') {
    console.warn('useToast() được gọi ngoài <ToastProvider>.');
  }
  return api ?? NOOP;
}
