import { gqlFetch } from '@/components/ui/graphql-client';
import { filterPayload, META_QUERY, type CatalogColumn, type CatalogInfo, type CatalogRow, type CatalogValue, type ListArgs, type RefOption } from './catalog-types';

export * from './catalog-types';

// Field and type names come from the server's own metadata; they are still checked before being written into a query.
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
function ident(s: string): string {
  if (!IDENT.test(s)) throw new Error(`Tên không hợp lệ: ${s}`);
  return s;
}

export async function fetchCatalogMeta(name: string): Promise<{ info: CatalogInfo | null; columns: CatalogColumn[] }> {
  const data = await gqlFetch<{ catalogs: CatalogInfo[]; catalogColumns: CatalogColumn[] }>(META_QUERY, { catalog: name });
  return { info: data.catalogs.find((c) => c.name === name) ?? null, columns: data.catalogColumns };
}

function listQuery(name: string, columns: readonly CatalogColumn[]): string {
  const fields = ['id', ...columns.map((c) => ident(c.name))].join(' ');
  return `query CatalogList($filter: CatalogQuery) { page: ${ident(name)}(filter: $filter) { total rows { ${fields} } } }`;
}

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

