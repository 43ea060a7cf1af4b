'use client';

import { useCallback, useMemo, useState } from 'react';
import { useClient, useQuery, type CombinedError, type RequestPolicy } from 'urql';
import { readFragment } from '@/lib/graphql/graphql';
import {
  BANK_TYPENAMES,
  BankTransactionRowFragment,
  BankTransactionsQuery,
  bankListVariables,
  type BankListFilter,
  type BankTransactionRow,
} from './bank.documents';

export interface BankTransactionList {
  rows: readonly BankTransactionRow[] | null;
  totalCount: number;
  totalAmount: number;
  hasNextPage: boolean;
  fetching: boolean;
  error: CombinedError | null;
  loadMore: () => void;
  refresh: () => void;
}

interface More {
  /** The first page these pages follow: a new first page (a filter, a resolution) drops them. */
  after: unknown;
  rows: BankTransactionRow[];
  endCursor: string | null;
  hasNextPage: boolean;
}

/**
 * The bank transactions of a tab, newest first: the first page is an ordinary cached query (prefetched by the page,
 * re-run by urql after an allocation or an ignore), further pages are fetched on demand after it. Lists stay short
 * in practice (suspense money is resolved daily), so pages after the first are simply dropped when the first
 * changes, rather than kept in step.
 */
export function useBankTransactions(filter: BankListFilter, requestPolicy: RequestPolicy): BankTransactionList {
  const client = useClient();
  const variables = useMemo(() => bankListVariables(filter), [filter]);
  const [first, reexecute] = useQuery({
    query: BankTransactionsQuery,
    variables,
    requestPolicy,
    context: BANK_TYPENAMES,
  });
  const page = first.data?.bankTransactions;
  const [more, setMore] = useState<More | null>(null);
  const [moreError, setMoreError] = useState<CombinedError | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const extra = more && more.after === page ? more : null;

  const rows = useMemo(() => {
    if (!page) return null;
    const firstRows = readFragment(BankTransactionRowFragment, page.rows);
    if (!extra) return firstRows;
    const seen = new Set(firstRows.map((r) => r.id));
    return [...firstRows, ...extra.rows.filter((r) => !seen.has(r.id))];
  }, [page, extra]);

  const loadMore = useCallback(() => {
    const cursor = extra ? extra.endCursor : page?.pageInfo.endCursor;
    if (!page || !cursor || loadingMore) return;
    setLoadingMore(true);
    setMoreError(null);
    void client
      .query(BankTransactionsQuery, bankListVariables(filter, cursor), { requestPolicy: 'network-only' })
      .toPromise()
      .then((result) => {
        setLoadingMore(false);
        const next = result.data?.bankTransactions;
        if (result.error || !next) return void setMoreError(result.error ?? null);
        setMore({
          after: page,
          rows: [...(extra?.rows ?? []), ...readFragment(BankTransactionRowFragment, next.rows)],
          endCursor: next.pageInfo.endCursor,
          hasNextPage: next.pageInfo.hasNextPage,
        });
      });
  }, [client, extra, filter, loadingMore, page]);

  return {
    rows,
    totalCount: page?.totalCount ?? 0,
    totalAmount: page?.totalAmount ?? 0,
    hasNextPage: extra ? extra.hasNextPage : (page?.pageInfo.hasNextPage ?? false),
    fetching: first.fetching || first.stale || loadingMore,
    error: first.error ?? moreError,
    loadMore,
    refresh: () => reexecute({ requestPolicy: 'network-only' }),
  };
}
