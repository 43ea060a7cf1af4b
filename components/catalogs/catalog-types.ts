/** Types and pure helpers of the generic catalog screen; safe to import from server components. */

/** A column of a catalog as `catalogColumns(catalog)` describes it. */
export interface CatalogColumn {
  name: string;
  label: string;
  kind: 'string' | 'int' | 'date' | 'ref';
  ref: string | null;
  required: boolean;
  nullable: boolean;
  readOnly: boolean;
  options: { value: string; label: string }[];
}

/** What the viewer may do on a catalog (`catalogs` query). */
export interface CatalogInfo {
  name: string;
  label: string;
  typeName: string;
  canAdd: boolean;
  canEdit: boolean;
  canDelete: boolean;
  canExport: boolean;
}

export type CatalogValue = string | number | null;
export type CatalogRow = { id: number } & Record<string, CatalogValue>;

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

export interface FilterCondition {
  column: string;
  op: FilterOp;
  value: string | null;
  value2?: string | null;
}

export interface ListArgs {
  filters: FilterCondition[];
  search: string;
  offset: number;
  limit: number;
  orderBy?: { column: string; desc: boolean }[];
}

export interface RefOption {
  id: number;
  code: string;
  name: string;
}

export const META_QUERY = /* GraphQL */ `
  query CatalogMeta($catalog: CatalogName!) {
    catalogs { name label typeName canAdd canEdit canDelete canExport }
    catalogColumns(catalog: $catalog) { name label kind ref required nullable readOnly options { value label } }
  }
`;

export const filterPayload = (filters: readonly FilterCondition[]) =>
  filters.map((f) => ({ column: f.column, op: f.op, value: f.value, value2: f.op === 'between' ? (f.value2 ?? null) : null }));

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
