'use client';

import { useCallback, useRef, useState } from 'react';

/**
 * The active row and the focus of its index input. Rows are virtualised: an input may not exist until its row
 * is scrolled in, so focusing a row that is not rendered yet waits for its input to register.
 */
export function useRowFocus() {
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const inputs = useRef(new Map<string, HTMLInputElement>());
  const pendingFocus = useRef<string | null>(null);

  const registerInput = useCallback((key: string, el: HTMLInputElement | null) => {
    if (el) {
      inputs.current.set(key, el);
      if (pendingFocus.current === key) {
        pendingFocus.current = null;
        el.focus({ preventScroll: true });
      }
    } else {
      const cur = inputs.current.get(key);
      if (cur && !cur.isConnected) inputs.current.delete(key);
    }
  }, []);

  /** Makes the row active and puts the cursor in its index input (now, or once it is rendered). */
  const focusRow = useCallback((key: string) => {
    setActiveKey(key);
    const el = inputs.current.get(key);
    if (el && el.isConnected) {
      pendingFocus.current = null;
      el.focus({ preventScroll: true });
    } else {
      pendingFocus.current = key;
    }
  }, []);

  return { activeKey, setActiveKey, registerInput, focusRow };
}
