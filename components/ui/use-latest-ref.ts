import { useLayoutEffect, useRef } from 'react';

/**
 * A ref that holds the latest `value`, for stable callbacks (memoised children, window listeners) that must see the
 * current props. It is written after render, since React forbids writing refs during render; layout effects run
 * before the browser can deliver the next event, so handlers never see a stale value.
 */
export function useLatestRef<T>(value: T) {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
