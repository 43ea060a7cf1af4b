'use client';

import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { errorMessage } from '@/lib/graphql/errors';
import { readFragment } from '@/lib/graphql/graphql';
import { HistoryEntryFragment, ReadingHistoryQuery, type HistoryEntry } from './readings.documents';

/** A value that follows `value` once it has stopped changing for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(t);
  }, [value, ms]);
  return settled;
}

export interface CustomerHistory {
  /** The periods before `period`, newest first; null while they load. */
  rows: readonly HistoryEntry[] | null;
  error: string | null;
  retry: () => void;
}

/**
 * The last 12 periods of a customer before `period`, through the client cache (a customer seen before shows
 * at once). The customer settles first: holding ↓ through a book must not fire a request per row.
 */
export function useCustomerHistory(customerId: number | null, period: string): CustomerHistory {
  const key = customerId === null ? null : `${customerId}:${period}`;
  const settledKey = useSettled(key, 160);
  const [result, reexecute] = useQuery({
    query: ReadingHistoryQuery,
    variables: { customerId: customerId ?? 0, beforePeriod: period, limit: 12 },
    pause: customerId === null || settledKey !== key,
  });
  const current =
    result.operation?.variables.customerId === customerId && result.operation?.variables.beforePeriod === period;
  return {
    rows: current && result.data ? readFragment(HistoryEntryFragment, result.data.readingHistory) : null,
    error: current && result.error ? errorMessage(result.error, 'Không tải được lịch sử.') : null,
    retry: () => reexecute({ requestPolicy: 'network-only' }),
  };
}
