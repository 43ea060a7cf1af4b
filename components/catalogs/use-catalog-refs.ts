'use client';

import { useMemo } from 'react';
import { useQuery } from 'urql';
import { errorMessage } from '@/lib/graphql/errors';
import type { CatalogColumn, RefOption } from './catalog-columns';
import { REF_LIMIT, type CatalogDocuments } from './catalog-documents';

// Never sent (the query is paused): urql needs a document even for a paused query.
const NONE = { kind: 'Document', definitions: [] } as unknown as NonNullable<CatalogDocuments['refs']>;

export interface CatalogRefs {
  /** Referenced catalog → its rows; a catalog still loading is absent. */
  options: ReadonlyMap<string, readonly RefOption[]>;
  /** Referenced catalog → why its select is empty or incomplete. */
  problems: ReadonlyMap<string, string>;
}

/**
 * The rows of the catalogs a screen's columns reference, for the form's selects and the filter bar. One cached
 * query: a mutation of a referenced catalog (say, a new route) refreshes it wherever it is shown.
 */
export function useCatalogRefs(refs: CatalogDocuments['refs'], columns: readonly CatalogColumn[]): CatalogRefs {
  const [result] = useQuery({ query: refs ?? NONE, pause: refs === null });
  return useMemo(() => {
    const options = new Map<string, readonly RefOption[]>();
    const problems = new Map<string, string>();
    for (const [catalog, list] of Object.entries(result.data ?? {})) {
      if (catalog === '__typename') continue;
      options.set(catalog, list.rows);
      if (list.total > list.rows.length)
        problems.set(catalog, `Chỉ hiện ${REF_LIMIT.toLocaleString('vi-VN')} dòng đầu tiên.`);
    }
    if (result.error) {
      const problem = `Không tải được danh sách: ${errorMessage(result.error)}`;
      for (const c of columns) if (c.ref) problems.set(c.ref, problem);
    }
    return { options, problems };
  }, [result.data, result.error, columns]);
}
