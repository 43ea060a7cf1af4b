'use client';

import { useEffect } from 'react';
import type { OperationContext } from '@urql/core';

type Reexecute = (opts?: Partial<OperationContext>) => void;

/** The browser pieces polling needs, injectable so the timing can be tested with fake timers. */
export interface PollingEnv {
  setInterval: (fn: () => void, ms: number) => number;
  clearInterval: (id: number) => void;
  isVisible: () => boolean;
  /** Subscribes to the tab being shown or hidden; returns the unsubscribe. */
  onVisibilityChange: (fn: () => void) => () => void;
}

const browserEnv = (): PollingEnv => ({
  setInterval: (fn, ms) => window.setInterval(fn, ms),
  clearInterval: (id) => window.clearInterval(id),
  isVisible: () => document.visibilityState === 'visible',
  onVisibilityChange: (fn) => {
    document.addEventListener('visibilitychange', fn);
    return () => document.removeEventListener('visibilitychange', fn);
  },
});

/**
 * Re-runs a query past the cache every `intervalMs` while the tab is visible (`null` or ≤ 0: not at all), and
 * at once when a hidden tab is shown again, since what it shows may then be minutes old. Returns the stop.
 */
export function startPolling(
  reexecute: Reexecute,
  intervalMs: number | null,
  env: PollingEnv = browserEnv(),
): () => void {
  if (intervalMs === null || intervalMs <= 0) return () => {};
  const run = () => reexecute({ requestPolicy: 'network-only' });
  let missed = false;
  const id = env.setInterval(() => {
    if (env.isVisible()) run();
    else missed = true;
  }, intervalMs);
  const unsubscribe = env.onVisibilityChange(() => {
    if (missed && env.isVisible()) {
      missed = false;
      run();
    }
  });
  return () => {
    env.clearInterval(id);
    unsubscribe();
  };
}

/**
 * Polls a query: pass the second element of urql's `useQuery`. The re-run bypasses the cache, and urql still
 * drops a response that arrives after the variables changed.
 */
export function usePolling(reexecute: Reexecute, intervalMs: number | null): void {
  useEffect(() => startPolling(reexecute, intervalMs), [reexecute, intervalMs]);
}
