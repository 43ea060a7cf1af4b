/**
 * The columns of a catalog and the pure helpers of the generic catalog screen: how a cell reads, which columns
 * the grid shows, what the filter bar sends. No React and no server code, so the Server Component page and the
 * client components share it.
 */
import { graphql, type ResultOf } from '@/lib/graphql/graphql';

/** One column as `catalogColumns(catalog)` describes it; read by the grid header, the filter bar and the form. */
export const CatalogColumnFragment = graphql(`
  fragment CatalogColumnFields on CatalogColumn {
    name
    label
    kind
    ref
    required
    nullable
    readOnly
    options {
      value
      label
    }
  }
`);

export type CatalogColumn = ResultOf<typeof CatalogColumnFragment>;

/**
 * The value of a cell. The screen is generated from `catalogColumns`, so it reads a row by column name; every
 * catalog's list document is checked to yield rows of this shape (catalog-documents.ts).
 */
export type CatalogValue = string | number | null;
export type CatalogRow = { readonly id: number } & { readonly [column: string]: CatalogValue };

/** A row of a referenced catalog as its select shows it; every catalog's options document yields this shape. */
export type RefOption = { readonly id: number; readonly code: string; readonly name: string };

export const FILTER_OPS = ['eq', 'ne', 'contains', 'startsWith', 'lt', 'lte', 'gt', 'gte', 'between'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

/** Vietnamese labels of the comparison operators of the filter bar. */
export const FILTER_OP_LABELS: Record<FilterOp, string> = {
  eq: '=',
  ne: '≠',
  contains: 'chứa',
  startsWith: 'bắt đầu bằng',
  lt: '<',
  lte: '≤',
  gt: '>',
  gte: '≥',
  between: 'trong khoảng',
};

/** A condition the clerk built in the filter bar (screen state, not a server response). */
export interface FilterCondition {
  column: string;
  op: FilterOp;
  value: string | null;
  value2?: string | null;
}

export const filterPayload = (filters: readonly FilterCondition[]) =>
  filters.map((f) => ({
    column: f.column,
    op: f.op,
    value: f.value,
    value2: f.op === 'between' ? (f.value2 ?? null) : null,
  }));

/** URL of the Excel export with the screen's current filters and search. */
export function exportUrl(name: string, filters: readonly FilterCondition[], search: string): string {
  const q = new URLSearchParams();
  if (filters.length > 0) q.set('filters', JSON.stringify(filterPayload(filters)));
  if (search.trim()) q.set('search', search.trim());
  const qs = q.toString();
  return `/api/catalogs/${encodeURIComponent(name)}/export${qs ? `?${qs}` : ''}`;
}

/**
 * The grid hides a raw id column when a computed name column tells the same thing (`branchId` next to
 * `branchName`).
 */
export function gridColumns(columns: readonly CatalogColumn[]): CatalogColumn[] {
  const names = new Set(columns.map((c) => c.name));
  return columns.filter((c) => !(c.kind === 'ref' && c.name.endsWith('Id') && names.has(`${c.name.slice(0, -2)}Name`)));
}

/** `2026-03-05` → `05/03/2026`. */
export function formatDate(v: CatalogValue): string {
  if (v === null || v === undefined || v === '') return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(v));
  return m ? `${m[3]}/${m[2]}/${m[1]}` : String(v);
}

/** How a cell reads on screen: coded values by label, dates dd/mm/yyyy, numbers grouped the Vietnamese way. */
export function displayValue(column: CatalogColumn, v: CatalogValue, refs?: ReadonlyMap<number, RefOption>): string {
  if (v === null || v === undefined) return '';
  const option = column.options.find((o) => o.value === String(v));
  if (option) return option.label;
  if (column.kind === 'date') return formatDate(v);
  if (column.kind === 'ref') {
    const r = refs?.get(Number(v));
    return r ? `${r.code} – ${r.name}` : String(v);
  }
  if (column.kind === 'int' && typeof v === 'number') return v.toLocaleString('vi-VN');
  return String(v);
}
