'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { useClient, useQuery, type CombinedError, type RequestPolicy } from 'urql';
import { readFragment } from '@/lib/graphql/graphql';
import {
  AnomalyQueueQuery,
  AnomalyQueueRowFragment,
  queueVariables,
  type AnomalyQueuePage,
  type AnomalyQueueRow,
  type AnomalyStatus,
} from './readings.documents';

export interface AnomalyQueueFilter {
  bookId: number | null;
  period: string;
  status: AnomalyStatus;
}

export interface AnomalyQueue {
  /** The pages loaded so far, in queue order; null until the first one arrives. */
  rows: readonly AnomalyQueueRow[] | null;
  /** Every row the filter matches, loaded or not. */
  total: number;
  hasNextPage: boolean;
  fetching: boolean;
  error: CombinedError | null;
  /** Loads the page after the last one loaded. */
  loadMore: () => void;
  /** Reloads every loaded page from the server. */
  refresh: () => void;
}

interface Chain {
  filterKey: string;
  /** The pages after the first, in order. */
  pages: AnomalyQueuePage[];
  /** Some page is on its way (the next one, or pages re-run after their cursor moved). */
  loading: boolean;
  error: CombinedError | null;
}

/**
 * The anomaly queue, page by page. The first page is an ordinary `useQuery` (the Server Component prefetches it,
 * so the screen opens with rows); each further page follows the endCursor of the page before it. Every page stays
 * subscribed, so resolving anomalies (ANOMALY_TYPENAMES) re-runs them all; a page whose endCursor moves (its rows
 * were cleared out of the filter) restarts the pages after it from the new cursor, so no row goes missing between
 * pages.
 */
export function useAnomalyQueue(filter: AnomalyQueueFilter, requestPolicy: RequestPolicy): AnomalyQueue {
  const client = useClient();
  const { bookId, period, status } = filter;
  const variables = useMemo(() => queueVariables({ bookId, period, status }), [bookId, period, status]);
  const filterKey = JSON.stringify(variables);
  const [firstResult, reexecuteFirst] = useQuery({ query: AnomalyQueueQuery, variables, requestPolicy });
  const firstPage = firstResult.data?.anomalyQueue;
  // How many pages after the first the user asked for; a new filter starts again at the first page.
  const [wanted, setWanted] = useState({ filterKey, more: 0 });
  const more = wanted.filterKey === filterKey ? wanted.more : 0;
  const [reloads, setReloads] = useState(0);
  const reloadsSeen = useRef(0);
  const start = firstPage?.pageInfo.hasNextPage ? firstPage.pageInfo.endCursor : null;
  const [chain, setChain] = useState<Chain | null>(null);
  const shown = useRef(chain);
  useEffect(() => {
    shown.current = chain;
  }, [chain]);

  useEffect(() => {
    if (more === 0 || !start) return;
    // Only a reload asks the server again; one more page re-reads the ones already loaded from the cache.
    const policy: RequestPolicy = reloads !== reloadsSeen.current ? 'network-only' : 'cache-first';
    reloadsSeen.current = reloads;
    const subscriptions = new Map<number, { after: string; unsubscribe: () => void }>();
    const pending = new Set<number>();
    // The pages on screen stay until the ones that replace them arrive: the list does not shrink and grow back
    // under the user's selection while the pages after a moved cursor reload.
    const previous = shown.current;
    const pages = previous?.filterKey === filterKey ? [...previous.pages] : [];
    let error: CombinedError | null = null;
    const publish = () => setChain({ filterKey, pages: [...pages], loading: pending.size > 0, error });
    const stop = (index: number) => {
      for (const [i, s] of subscriptions) {
        if (i < index) continue;
        s.unsubscribe();
        subscriptions.delete(i);
        pending.delete(i);
      }
    };
    const follow = (index: number, after: string) => {
      stop(index);
      pending.add(index);
      const source = client.query(AnomalyQueueQuery, { ...variables, after }, { requestPolicy: policy });
      const subscription = source.subscribe((result) => {
        const page = result.data?.anomalyQueue;
        pending.delete(index);
        error = result.error ?? null;
        if (page) {
          pages[index] = page;
          const next = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
          if (next && index + 1 < more) {
            if (subscriptions.get(index + 1)?.after !== next) follow(index + 1, next);
          } else {
            stop(index + 1);
            pages.length = index + 1;
          }
        }
        publish();
      });
      // Set after the fact: a cached page answers synchronously, inside subscribe, and may have started the next.
      subscriptions.set(index, { after, unsubscribe: () => subscription.unsubscribe() });
    };
    follow(0, start);
    return () => stop(0);
  }, [client, variables, filterKey, start, more, reloads]);

  const current = chain && more > 0 && start && chain.filterKey === filterKey ? chain : null;
  const loaded = useMemo(() => {
    if (!firstPage) return null;
    const seen = new Set<number>();
    const rows: AnomalyQueueRow[] = [];
    // A row can sit in two pages for the moment between a page's re-run and the reload of the ones after it.
    for (const page of [firstPage, ...(current?.pages.slice(0, more) ?? [])]) {
      for (const row of readFragment(AnomalyQueueRowFragment, page.rows)) {
        if (!seen.has(row.id)) rows.push(row);
        seen.add(row.id);
      }
    }
    return rows;
  }, [firstPage, current, more]);

  const lastPage = current?.pages.at(-1) ?? firstPage;
  const chainLoading = more > 0 && start !== null && (current === null || current.loading);
  return {
    rows: loaded,
    total: firstPage?.total ?? 0,
    hasNextPage: lastPage?.pageInfo.hasNextPage ?? false,
    fetching: firstResult.fetching || firstResult.stale || chainLoading,
    error: firstResult.error ?? current?.error ?? null,
    loadMore: () => setWanted({ filterKey, more: more + 1 }),
    refresh: () => {
      reexecuteFirst({ requestPolicy: 'network-only' });
      setReloads((n) => n + 1);
    },
  };
}
