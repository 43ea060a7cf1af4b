import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startPolling, type PollingEnv } from '@/lib/graphql/use-polling';

/** A tab whose visibility the test switches, with fake timers underneath. */
function fakeTab() {
  let visible = true;
  const listeners = new Set<() => void>();
  const env: PollingEnv = {
    setInterval: (fn, ms) => setInterval(fn, ms) as unknown as number,
    clearInterval: (id) => clearInterval(id),
    isVisible: () => visible,
    onVisibilityChange: (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
  const setVisible = (v: boolean) => {
    visible = v;
    for (const fn of [...listeners]) fn();
  };
  return { env, setVisible, listenerCount: () => listeners.size };
}

describe('startPolling (usePolling)', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('re-runs the query past the cache every interval', () => {
    const { env } = fakeTab();
    const reexecute = vi.fn();
    startPolling(reexecute, 600, env);
    expect(reexecute).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_800);
    expect(reexecute).toHaveBeenCalledTimes(3);
    expect(reexecute).toHaveBeenLastCalledWith({ requestPolicy: 'network-only' });
  });

  it('does nothing for a null or non-positive interval', () => {
    const { env, listenerCount } = fakeTab();
    const reexecute = vi.fn();
    startPolling(reexecute, null, env)();
    startPolling(reexecute, 0, env)();
    vi.advanceTimersByTime(10_000);
    expect(reexecute).not.toHaveBeenCalled();
    expect(listenerCount()).toBe(0);
  });

  it('skips ticks while the tab is hidden and catches up at once when it is shown again', () => {
    const tab = fakeTab();
    const reexecute = vi.fn();
    startPolling(reexecute, 600, tab.env);
    tab.setVisible(false);
    vi.advanceTimersByTime(6_000);
    expect(reexecute).not.toHaveBeenCalled();
    tab.setVisible(true);
    // The progress shown may be minutes old: it is refreshed on return, not one interval later.
    expect(reexecute).toHaveBeenCalledTimes(1);
  });

  it('stops the timer and the visibility listener when stopped', () => {
    const tab = fakeTab();
    const reexecute = vi.fn();
    const stop = startPolling(reexecute, 600, tab.env);
    expect(tab.listenerCount()).toBe(1);
    stop();
    vi.advanceTimersByTime(6_000);
    tab.setVisible(false);
    tab.setVisible(true);
    expect(reexecute).not.toHaveBeenCalled();
    expect(tab.listenerCount()).toBe(0);
  });
});
