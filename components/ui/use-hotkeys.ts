'use client';

import { useEffect, useRef } from 'react';

export type HotkeyMap = Partial<Record<string, (e: KeyboardEvent) => void>>;

/** Normalises a key event to names like `F4`, `Ctrl+F4`, `Alt+S`, `Escape`. */
export function hotkeyName(e: KeyboardEvent): string {
  const key = e.key.length === 1 ? e.key.toUpperCase() : e.key;
  return [e.ctrlKey || e.metaKey ? 'Ctrl' : '', e.altKey ? 'Alt' : '', e.shiftKey && key.length > 1 ? 'Shift' : '', key]
    .filter(Boolean)
    .join('+');
}

/**
 * Screen-wide shortcuts of the desktop product (F4 add, F2 edit, F3 delete, Alt+S save …).
 * Function keys are taken from the browser (F3 would open find, F2/F4 do nothing useful there).
 */
export function useHotkeys(map: HotkeyMap, enabled = true): void {
  const ref = useRef(map);
  ref.current = map;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      const handler = ref.current[hotkeyName(e)];
      if (handler) {
        e.preventDefault();
        e.stopPropagation();
        handler(e);
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [enabled]);
}
