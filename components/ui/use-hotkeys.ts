'use client';

import { useEffect } from 'react';
import { useLatestRef } from './use-latest-ref';

export type HotkeyMap = Partial<Record<string, (e: KeyboardEvent) => void>>;

/** Normalises a key event to names like `F4`, `Ctrl+F4`, `Alt+S`, `Escape`. */
function hotkeyName(e: KeyboardEvent): string {
  // With Alt held, macOS/Linux layouts may report a special character in `key` (Alt+S → "ß");
  // fall back to the physical key for letters and digits so `Alt+S` works everywhere.
  let key = e.key.length === 1 ? e.key.toUpperCase() : e.key;
  if (e.altKey && e.code && !/^[A-Z0-9]$/.test(key)) {
    const m = /^(?:Key([A-Z])|Digit([0-9]))$/.exec(e.code);
    if (m) key = (m[1] ?? m[2]) as string;
  }
  return [e.ctrlKey || e.metaKey ? 'Ctrl' : '', e.altKey ? 'Alt' : '', e.shiftKey && key.length > 1 ? 'Shift' : '', key]
    .filter(Boolean)
    .join('+');
}

let openModals = 0;

/** Called by `<Dialog>` on open/close so screen-wide shortcuts pause while a modal is showing. */
export function registerModal(): () => void {
  openModals++;
  let done = false;
  return () => {
    if (!done) {
      done = true;
      openModals--;
    }
  };
}

/** True while at least one `<Dialog>` (components/ui/dialog.tsx) is open. */
function isModalOpen(): boolean {
  return openModals > 0;
}

export interface HotkeyOptions {
  /** Keep the shortcuts active while a `<Dialog>` is open (default false: screen shortcuts pause under a modal). */
  whenModalOpen?: boolean;
}

/**
 * Screen-wide shortcuts of the desktop product (F4 add, F2 edit, F3 delete, Alt+S save …).
 * Function keys are taken from the browser (F3 would open find, F2/F4 do nothing useful there).
 * While a `<Dialog>` is open the shortcuts are paused (the dialog handles Escape itself) unless
 * `options.whenModalOpen` is set.
 */
export function useHotkeys(map: HotkeyMap, enabled = true, options?: HotkeyOptions): void {
  const ref = useLatestRef(map);
  const whenModalOpen = options?.whenModalOpen ?? false;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (!whenModalOpen && isModalOpen()) return;
      const handler = ref.current[hotkeyName(e)];
      if (handler) {
        e.preventDefault();
        e.stopPropagation();
        handler(e);
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [enabled, whenModalOpen, ref]);
}
