import { gqlFetch } from '@/components/ui/graphql-client';

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

// Field and type names come from the server's own metadata; they are still checked before being written into a query.
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
function ident(s: string): string {
  if (!IDENT.test(s)) throw new Error(`Tên không hợp lệ: ${s}`);
  return s;
}

export const META_QUERY = /* GraphQL */ `
  query CatalogMeta($catalog: CatalogName!) {
    catalogs { name label typeName canAdd canEdit canDelete canExport }
    catalogColumns(catalog: $catalog) { name label kind ref required nullable readOnly options { value label } }
  }
`;

export async function fetchCatalogMeta(name: string): Promise<{ info: CatalogInfo | null; columns: CatalogColumn[] }> {
  const data = await gqlFetch<{ catalogs: CatalogInfo[]; catalogColumns: CatalogColumn[] }>(META_QUERY, { catalog: name });
  return { info: data.catalogs.find((c) => c.name === name) ?? null, columns: data.catalogColumns };
}

function listQuery(name: string, columns: readonly CatalogColumn[]): string {
  const fields = ['id', ...columns.map((c) => ident(c.name))].join(' ');
  return `query CatalogList($filter: CatalogQuery) { page: ${ident(name)}(filter: $filter) { total rows { ${fields} } } }`;
}

const filterPayload = (filters: readonly FilterCondition[]) =>
  filters.map((f) => ({ column: f.column, op: f.op, value: f.value, value2: f.op === 'between' ? (f.value2 ?? null) : null }));

export async function fetchCatalogPage(
  name: string,
  columns: readonly CatalogColumn[],
  args: ListArgs,
): Promise<{ rows: CatalogRow[]; total: number }> {
  const data = await gqlFetch<{ page: { rows: CatalogRow[]; total: number } }>(listQuery(name, columns), {
    filter: {
      filters: filterPayload(args.filters),
      search: args.search.trim() || null,
      offset: args.offset,
      limit: args.limit,
      orderBy: args.orderBy?.length ? args.orderBy : null,
    },
  });
  return data.page;
}

/** Every row (id, code, name) of a referenced catalog, for the selects of the form and the filter bar. */
export async function fetchRefOptions(catalog: string): Promise<RefOption[]> {
  const query = `query RefOptions($filter: CatalogQuery) { page: ${ident(catalog)}(filter: $filter) { total rows { id code name } } }`;
  const out: RefOption[] = [];
  for (let offset = 0; offset < 5000; offset += 500) {
    const data = await gqlFetch<{ page: { rows: RefOption[]; total: number } }>(query, { filter: { offset, limit: 500 } });
    out.push(...data.page.rows);
    if (out.length >= data.page.total || data.page.rows.length === 0) break;
  }
  return out;
}

export async function createCatalogRow(info: CatalogInfo, input: Record<string, CatalogValue>): Promise<{ id: number }> {
  const t = ident(info.typeName);
  const data = await gqlFetch<{ row: { id: number } }>(
    `mutation CreateRow($input: ${t}Input!) { row: create${t}(input: $input) { id } }`,
    { input },
  );
  return data.row;
}

export async function updateCatalogRow(info: CatalogInfo, id: number, input: Record<string, CatalogValue>): Promise<{ id: number }> {
  const t = ident(info.typeName);
  const data = await gqlFetch<{ row: { id: number } }>(
    `mutation UpdateRow($id: Int!, $input: ${t}Input!) { row: update${t}(id: $id, input: $input) { id } }`,
    { id, input },
  );
  return data.row;
}

export async function deleteCatalogRow(info: CatalogInfo, id: number): Promise<boolean> {
  const t = ident(info.typeName);
  const data = await gqlFetch<{ ok: boolean }>(`mutation DeleteRow($id: Int!) { ok: delete${t}(id: $id) }`, { id });
  return data.ok;
}

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
