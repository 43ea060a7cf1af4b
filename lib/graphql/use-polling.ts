'use client';

import { useEffect } from 'react';
import type { OperationContext } from '@urql/core';

/**
 * Re-runs a query every `intervalMs` while the tab is visible (`null` stops). Pass the second element of
 * urql's `useQuery`: the re-run bypasses the cache, and urql still drops a response that arrives after the
 * variables changed.
 */
export function usePolling(reexecute: (opts?: Partial<OperationContext>) => void, intervalMs: number | null): void {
  useEffect(() => {
    if (intervalMs === null || intervalMs <= 0) return;
    const id = window.setInterval(() => {
      if (document.visibilityState === 'visible') reexecute({ requestPolicy: 'network-only' });
    }, intervalMs);
    return () => window.clearInterval(id);
  }, [reexecute, intervalMs]);
}
