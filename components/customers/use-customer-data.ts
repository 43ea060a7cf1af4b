'use client';

import { useEffect, useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { errorMessage } from '@/lib/graphql/errors';
import { readFragment } from '@/lib/graphql/graphql';
import { orderServiceTypes, regionOfWards } from '@/domain/customers/service-type-region';
import {
  BookCustomersQuery,
  BookOptionFragment,
  CustomerBooksQuery,
  CustomerCatalogsQuery,
  CustomerDetailFragment,
  CustomerQuery,
  CustomerRowFragment,
  bookVariables,
  type BookCustomer,
  type BookOption,
  type CatalogItem,
  type CustomerDetail,
} from './customer-documents';

type Policy = 'cache-first' | 'cache-and-network';

/** The reading books of the picker; the cache refreshes them (their counts) after every customer mutation. */
export function useBooks(requestPolicy: Policy) {
  const [result, reexecute] = useQuery({ query: CustomerBooksQuery, requestPolicy });
  const rows = result.data?.readingBooks.rows;
  const books = useMemo<readonly BookOption[] | null>(
    () => (rows ? readFragment(BookOptionFragment, rows) : null),
    [rows],
  );
  return {
    books,
    error: result.error && !books ? errorMessage(result.error, 'Không tải được danh sách sổ đọc.') : null,
    retry: () => reexecute({ requestPolicy: 'network-only' }),
  };
}

/** Catalogs for the form's selects and the history; service types of the company's own province first. */
export function useCustomerCatalogs(requestPolicy: Policy) {
  const [result] = useQuery({ query: CustomerCatalogsQuery, requestPolicy });
  const data = result.data;
  return useMemo(() => {
    if (!data)
      return { catalogs: null, error: result.error ? errorMessage(result.error, 'Không tải được danh mục.') : null };
    const region = regionOfWards(data.wards.rows);
    return {
      catalogs: {
        wards: data.wards.rows as readonly CatalogItem[],
        serviceTypes: orderServiceTypes(data.serviceTypes.rows, region),
        meterTypes: data.meterTypes.rows as readonly CatalogItem[],
        installationTeams: data.installationTeams.rows as readonly CatalogItem[],
        masterMeters: data.masterMeters.rows as readonly CatalogItem[],
      },
      error: null,
    };
  }, [data, result.error]);
}

export type Catalogs = NonNullable<ReturnType<typeof useCustomerCatalogs>['catalogs']>;

const NO_ROWS: readonly BookCustomer[] = [];

/** The customers of a book; `rows` is null until the first answer for this book. */
export function useBookRows(bookId: number | null, requestPolicy: Policy) {
  const [result, reexecute] = useQuery({
    query: BookCustomersQuery,
    variables: bookVariables(bookId ?? 0),
    pause: bookId === null,
    requestPolicy,
  });
  const page = result.data?.bookCustomers;
  // urql keeps the previous book's answer while the next one loads; it is not shown as this book's rows.
  const forThisBook = result.operation?.variables.bookId === bookId;
  const rows = useMemo(
    () => (page && forThisBook ? readFragment(CustomerRowFragment, page.rows) : null),
    [page, forThisBook],
  );
  return {
    rows: rows ?? (bookId === null ? NO_ROWS : null),
    total: page?.total ?? 0,
    fetching: result.fetching || result.stale,
    error: result.error ? errorMessage(result.error, 'Không tải được danh sách khách hàng.') : null,
    refresh: () => reexecute({ requestPolicy: 'network-only' }),
  };
}

/**
 * The file of the customer under the cursor. The id is debounced so arrow keys through the grid stay smooth;
 * urql keeps the previous file on screen while the next one loads and drops answers that arrive out of order.
 */
export function useCustomerDetail(id: number | null, paused: boolean) {
  const [debounced, setDebounced] = useState(id);
  useEffect(() => {
    if (id === null) return;
    const t = window.setTimeout(() => setDebounced(id), 180);
    return () => window.clearTimeout(t);
  }, [id]);
  const [result, reexecute] = useQuery({
    query: CustomerQuery,
    variables: { id: debounced ?? 0 },
    pause: id === null || debounced !== id || paused,
  });
  const raw = result.data?.customer;
  const detail = useMemo<CustomerDetail | null>(() => (raw ? readFragment(CustomerDetailFragment, raw) : null), [raw]);
  const loadedId = result.operation?.variables.id ?? null;
  return {
    detail: id === null ? null : detail,
    loading: result.fetching || result.stale || id !== debounced,
    error:
      id === null
        ? null
        : result.error
          ? errorMessage(result.error, 'Không tải được khách hàng.')
          : !result.fetching && loadedId === id && result.data && !raw
            ? 'Không tìm thấy khách hàng.'
            : null,
    reload: () => reexecute({ requestPolicy: 'network-only' }),
  };
}
