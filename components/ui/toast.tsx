'use client';

import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

export type ToastKind = 'success' | 'error' | 'info';

interface ToastItem {
  id: number;
  kind: ToastKind;
  message: string;
}

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
 * Toasts appear bottom-right in an aria-live region; click one to dismiss it.
 */
export function ToastProvider({ children, duration = 4000 }: ToastProviderProps) {
  const outer = useContext(ToastContext);
  if (outer) return <>{children}</>;
  return <ToastRoot duration={duration}>{children}</ToastRoot>;
}

function ToastRoot({ children, duration }: { children: ReactNode; duration: number }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const nextId = useRef(1);
  const dismiss = useCallback((id: number) => setItems((xs) => xs.filter((x) => x.id !== id)), []);
  const push = useCallback(
    (kind: ToastKind, message: string) => {
      const id = nextId.current++;
      setItems((xs) => [...xs.slice(-4), { id, kind, message }]);
      window.setTimeout(() => dismiss(id), kind === 'error' ? duration * 2 : duration);
      return id;
    },
    [dismiss, duration],
  );
  const api = useMemo<ToastApi>(
    () => ({
      success: (m) => push('success', m),
      error: (m) => push('error', m),
      info: (m) => push('info', m),
      dismiss,
    }),
    [push, dismiss],
  );
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div aria-live="polite" className="pointer-events-none fixed bottom-4 right-4 z-[60] flex w-96 max-w-[calc(100vw-2rem)] flex-col gap-2">
        {items.map((t) => (
          <div
            key={t.id}
            role={t.kind === 'error' ? 'alert' : 'status'}
            data-testid={`toast-${t.kind}`}
            onClick={() => dismiss(t.id)}
            className={`pointer-events-auto cursor-pointer rounded-md border px-4 py-2.5 text-sm shadow-lg ${
              t.kind === 'success'
                ? 'border-emerald-200 bg-emerald-50 text-emerald-800'
                : t.kind === 'error'
                  ? 'border-red-200 bg-red-50 text-red-800'
                  : 'border-slate-200 bg-white text-slate-800'
            }`}
          >
            {t.message}
          </div>
        ))}
      </div>
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
