import { and, asc, desc, eq, getColumns, is, ne, sql, Table, type SQL, type SQLWrapper } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '@/db/client';
// The area index is read (not just the catalog tables) to discover every table whose foreign keys point at a
// catalog, so "in use" keeps working when other areas add tables.
import * as schema from '@/db/schema/index';
import { rowsOf } from '@/db/sql';
import type { Right } from '@/domain/auth/permissions';
import { hasRight, type Actor } from '@/services/auth/actor';
import { AppError, forbidden, notFound, pgErrorCode } from '@/services/errors';
import { buildFilters, buildSearch, type ColumnFilter, type FilterableColumn } from './filter';
import {
  CATALOGS,
  NON_BLOCKING_REFERENCES,
  USAGE_LABELS,
  writableColumns,
  type CatalogDef,
  type CatalogName,
} from './registry';

/** A catalog row as the services return it: `id`, `createdAt` and the registry's columns by name. */
export type CatalogRow = { id: number; createdAt: Date | string } & Record<string, unknown>;

interface CatalogOrder {
  column: string;
  desc?: boolean | null | undefined;
}

export interface CatalogListInput {
  filters?: readonly ColumnFilter[] | null | undefined;
  search?: string | null | undefined;
  offset?: number | null | undefined;
  limit?: number | null | undefined;
  orderBy?: readonly CatalogOrder[] | null | undefined;
  /**
   * The columns the caller shows. Computed columns (joined names, customer counts) are evaluated per row, so
   * only those listed are computed; absent: every column. Table columns are always read (they cost nothing).
   */
  columns?: readonly string[] | null | undefined;
  /** Whether to count the matching rows (a second statement); default true. */
  countTotal?: boolean | undefined;
}

export interface CatalogPage {
  rows: CatalogRow[];
  total: number;
}

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 500;
const MAX_EXPORT_ROWS = 100_000;

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function tableColumns(def: CatalogDef): Record<string, PgColumn> {
  return getColumns(def.table) as unknown as Record<string, PgColumn>;
}

function idColumn(def: CatalogDef): PgColumn {
  return tableColumns(def).id!;
}

/** What a list selects: the table columns and the computed display columns asked for, keyed by field name. */
function selection(def: CatalogDef, columns?: readonly string[] | null): Record<string, SQLWrapper> {
  const cols = tableColumns(def);
  const wanted = columns ? new Set(columns) : null;
  const out: Record<string, SQLWrapper> = { id: cols.id!, createdAt: cols.createdAt! };
  for (const c of def.columns) {
    if (c.expr && wanted && !wanted.has(c.name)) continue;
    out[c.name] = c.expr ?? cols[c.name]!;
  }
  return out;
}

/** The filter whitelist of a catalog: its declared columns (and the id). */
function filterableColumns(def: CatalogDef): Record<string, FilterableColumn> {
  const cols = tableColumns(def);
  const out: Record<string, FilterableColumn> = { id: { expr: cols.id!, kind: 'int', label: 'ID' } };
  for (const c of def.columns) out[c.name] = { expr: c.expr ?? cols[c.name]!, kind: c.kind, label: c.label };
  return out;
}

function searchColumns(def: CatalogDef): SQLWrapper[] {
  const cols = tableColumns(def);
  return def.columns.filter((c) => c.kind === 'string').map((c) => c.expr ?? cols[c.name]!);
}

/** `{1,2,3}`: passed as one text parameter and cast, so a user holding thousands of books costs one parameter. */
function heldBooksArray(actor: Actor): string {
  return `{${[...(actor.books?.keys() ?? [])].join(',')}}`;
}

/**
 * Rows of a catalog the actor may see: everything for admins and company-wide catalogs; for reading books,
 * routes and branches only those holding one of the actor's books (SPEC §11).
 */
function visibilityCondition(def: CatalogDef, actor: Actor): SQL | undefined {
  if (def.visibility === 'company' || actor.isAdmin || actor.books === null) return undefined;
  const held = sql`${heldBooksArray(actor)}::int[]`;
  const id = idColumn(def);
  switch (def.visibility) {
    case 'book':
      return sql`${id} = any(${held})`;
    case 'route':
      return sql`${id} in (select rb.route_id from reading_books rb where rb.id = any(${held}))`;
    case 'branch':
      return sql`${id} in (select r.branch_id from reading_books rb join routes r on r.id = rb.route_id where rb.id = any(${held}))`;
  }
}

function orderClause(def: CatalogDef, orderBy: readonly CatalogOrder[] | null | undefined): SQL[] {
  const columns = filterableColumns(def);
  const out: SQL[] = [];
  for (const o of orderBy ?? []) {
    const column = Object.hasOwn(columns, o.column) ? columns[o.column] : undefined;
    if (!column) throw new AppError('INVALID_ORDER', `Không thể sắp xếp theo cột «${o.column}».`, { field: 'orderBy' });
    out.push(o.desc ? desc(column.expr as SQL) : asc(column.expr as SQL));
  }
  if (out.length === 0) out.push(asc(tableColumns(def).code!));
  out.push(asc(idColumn(def)));
  return out;
}

function whereClause(def: CatalogDef, actor: Actor, input: CatalogListInput): SQL | undefined {
  return and(
    visibilityCondition(def, actor),
    buildFilters(filterableColumns(def), input.filters ?? []),
    buildSearch(searchColumns(def), input.search),
  );
}

async function selectRows(
  db: DbOrTx,
  def: CatalogDef,
  where: SQL | undefined,
  order: SQL[],
  offset: number,
  limit: number,
  columns?: readonly string[] | null,
) {
  const rows = await db
    .select(selection(def, columns) as never)
    .from(def.table)
    .where(where)
    .orderBy(...order)
    .offset(offset)
    .limit(limit);
  return rows as unknown as CatalogRow[];
}

/**
 * One page of a catalog with the total count, filtered (column, operator, value), searched (accent- and
 * case-insensitive over the text columns) and ordered. Every staff member may read catalogs: they fill the
 * forms; reading books, routes and branches are limited to the actor's books.
 */
export async function listCatalog(
  db: DbOrTx,
  actor: Actor,
  name: CatalogName,
  input: CatalogListInput = {},
): Promise<CatalogPage> {
  const def = CATALOGS[name];
  const offset = input.offset ?? 0;
  const limit = input.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(offset) || offset < 0)
    throw new AppError('VALIDATION_FAILED', 'Vị trí bắt đầu phải là số nguyên không âm.', { field: 'offset' });
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    throw new AppError('VALIDATION_FAILED', `Số dòng mỗi trang phải từ 1 đến ${MAX_LIMIT}.`, { field: 'limit' });
  const where = whereClause(def, actor, input);
  const order = orderClause(def, input.orderBy);
  const [rows, counted] = await Promise.all([
    selectRows(db, def, where, order, offset, limit, input.columns),
    input.countTotal === false
      ? Promise.resolve([])
      : db
          .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
          .from(def.table)
          .where(where),
  ]);
  return { rows, total: counted[0]?.n ?? 0 };
}

async function findRow(db: DbOrTx, def: CatalogDef, id: number, extra?: SQL): Promise<CatalogRow | undefined> {
  const [row] = await selectRows(db, def, and(eq(idColumn(def), id), extra), [], 0, 1);
  return row;
}

async function findVisibleRow(db: DbOrTx, def: CatalogDef, actor: Actor, id: number): Promise<CatalogRow | undefined> {
  return findRow(db, def, id, visibilityCondition(def, actor));
}

// ---------------------------------------------------------------- writes

/** The branch a row of a book-scoped catalog belongs to: catalog rights are granted per branch. */
async function branchOf(
  db: DbOrTx,
  def: CatalogDef,
  values: Record<string, unknown>,
  id?: number,
): Promise<number | undefined> {
  if (def.name === 'branches') return id;
  if (def.name === 'routes') return typeof values.branchId === 'number' ? values.branchId : undefined;
  if (def.name === 'readingBooks' && typeof values.routeId === 'number') {
    const [r] = rowsOf<{ branch_id: number }>(
      await db.execute(sql`select branch_id from routes where id = ${values.routeId}`),
    );
    return r ? Number(r.branch_id) : undefined;
  }
  return undefined;
}

function assertRight(
  actor: Actor,
  def: CatalogDef,
  right: Right,
  branchIds: readonly (number | undefined)[] = [],
): void {
  if (actor.isAdmin) return;
  const known = branchIds.filter((b): b is number => b !== undefined);
  const ok =
    known.length === 0
      ? hasRight(actor, 'catalog', def.permissionObject, right)
      : known.every((b) => hasRight(actor, 'catalog', def.permissionObject, right, b));
  const verb = { access: 'xem', add: 'thêm', edit: 'sửa', delete: 'xóa', print: 'in', export: 'xuất' }[right];
  if (!ok) throw forbidden(`${verb} ${def.entity}`);
}

function parseInput(def: CatalogDef, input: unknown): Record<string, unknown> {
  const parsed = def.input.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') || undefined;
    throw new AppError('VALIDATION_FAILED', issue?.message ?? 'Dữ liệu không hợp lệ.', field ? { field } : {});
  }
  // Only the registry's writable columns reach the table, whatever the schema lets through.
  const out: Record<string, unknown> = {};
  for (const c of writableColumns(def)) if (parsed.data[c.name] !== undefined) out[c.name] = parsed.data[c.name];
  return out;
}

/** Referenced rows must exist and, for book-scoped catalogs, be visible to the actor. */
async function checkReferences(
  db: DbOrTx,
  def: CatalogDef,
  actor: Actor,
  values: Record<string, unknown>,
): Promise<void> {
  for (const c of writableColumns(def)) {
    const v = values[c.name];
    if (c.kind !== 'ref' || !c.ref || typeof v !== 'number') continue;
    const target = CATALOGS[c.ref];
    const row = await findRow(db, target, v, visibilityCondition(target, actor));
    if (!row)
      throw new AppError('INVALID_REFERENCE', `${capitalize(target.entity)} đã chọn không tồn tại.`, { field: c.name });
  }
}

async function checkDuplicateCode(db: DbOrTx, def: CatalogDef, code: unknown, exceptId?: number): Promise<void> {
  if (typeof code !== 'string') return;
  const cols = tableColumns(def);
  const [dup] = await db
    .select({ id: cols.id! })
    .from(def.table)
    .where(and(eq(cols.code!, code), exceptId === undefined ? undefined : ne(cols.id!, exceptId)))
    .limit(1);
  if (dup) throw duplicateCode(def, code);
}

const duplicateCode = (def: CatalogDef, code: string) =>
  new AppError('DUPLICATE_CODE', `Mã «${code}» đã có trong danh mục ${def.label.toLowerCase()}.`, { field: 'code' });

/** Constraint violations that slip past the pre-checks (a concurrent insert) still read as the stable codes. */
function translateDbError(def: CatalogDef, error: unknown, values: Record<string, unknown>): never {
  if (error instanceof AppError) throw error;
  const pg = pgErrorCode(error);
  if (pg?.code === '23505') throw duplicateCode(def, String(values.code ?? ''));
  if (pg?.code === '23503')
    throw new AppError(
      'IN_USE',
      `Không thể thực hiện: ${def.entity} đang được sử dụng hoặc dữ liệu tham chiếu không tồn tại.`,
    );
  if (pg?.code === '23514') throw new AppError('VALIDATION_FAILED', `Dữ liệu ${def.entity} không hợp lệ.`);
  throw error;
}

/** Adds a row (right `add` on the catalog; for routes and books, on the target branch). */
export async function createCatalogRow(
  db: DbOrTx,
  actor: Actor,
  name: CatalogName,
  input: unknown,
): Promise<CatalogRow> {
  const def = CATALOGS[name];
  assertRight(actor, def, 'add');
  const values = parseInput(def, input);
  try {
    return await db.transaction(async (tx) => {
      assertRight(actor, def, 'add', [await branchOf(tx, def, values)]);
      await checkReferences(tx, def, actor, values);
      await checkDuplicateCode(tx, def, values.code);
      const [created] = await tx
        .insert(def.table)
        .values(values as never)
        .returning({ id: idColumn(def) });
      const row = created && (await findRow(tx, def, created.id as number));
      if (!row) throw notFound(def.entity);
      return row;
    });
  } catch (error) {
    translateDbError(def, error, values);
  }
}

/** Edits a row the actor may see (right `edit`; for routes and books, on the old and the new branch). */
export async function updateCatalogRow(
  db: DbOrTx,
  actor: Actor,
  name: CatalogName,
  id: number,
  input: unknown,
): Promise<CatalogRow> {
  const def = CATALOGS[name];
  assertRight(actor, def, 'edit');
  const values = parseInput(def, input);
  try {
    return await db.transaction(async (tx) => {
      const current = await findRow(tx, def, id);
      if (!current) throw notFound(def.entity);
      if (!(await findVisibleRow(tx, def, actor, id))) throw forbidden(`sửa ${def.entity} này`);
      assertRight(actor, def, 'edit', [await branchOf(tx, def, current, id), await branchOf(tx, def, values, id)]);
      await checkReferences(tx, def, actor, values);
      await checkDuplicateCode(tx, def, values.code, id);
      await tx
        .update(def.table)
        .set(values as never)
        .where(eq(idColumn(def), id));
      const row = await findRow(tx, def, id);
      if (!row) throw notFound(def.entity);
      return row;
    });
  } catch (error) {
    translateDbError(def, error, values);
  }
}

// ---------------------------------------------------------------- delete, refused while in use

interface Usage {
  table: string;
  column: string;
  label: string;
}

const allTables = (Object.values(schema) as unknown[]).filter((v): v is PgTable => is(v, Table));
const usageCache = new Map<CatalogName, Usage[]>();

/** Every foreign key pointing at the catalog's table, except user assignments (they follow the row). */
function usagesOf(def: CatalogDef): Usage[] {
  let usages = usageCache.get(def.name);
  if (usages) return usages;
  const target = getTableConfig(def.table).name;
  usages = [];
  for (const table of allTables) {
    const config = getTableConfig(table);
    if (NON_BLOCKING_REFERENCES.has(config.name)) continue;
    for (const fk of config.foreignKeys) {
      const ref = fk.reference();
      const column = ref.columns[0];
      if (getTableConfig(ref.foreignTable).name !== target || !column || ref.columns.length !== 1) continue;
      usages.push({
        table: config.name,
        column: column.name,
        label: USAGE_LABELS[config.name] ?? `bản ghi của bảng ${config.name}`,
      });
    }
  }
  usageCache.set(def.name, usages);
  return usages;
}

/** How many rows of each referencing table use a catalog row, in one statement; only the non-zero ones. */
async function findUsages(db: DbOrTx, name: CatalogName, id: number): Promise<{ label: string; count: number }[]> {
  const usages = usagesOf(CATALOGS[name]);
  if (usages.length === 0) return [];
  const parts = usages.map(
    (u, i) =>
      sql`select ${i}::int as i, count(*)::int as n from ${sql.identifier(u.table)} where ${sql.identifier(u.column)} = ${id}`,
  );
  const rows = rowsOf<{ i: number; n: number }>(await db.execute(sql.join(parts, sql` union all `)));
  return rows.filter((r) => Number(r.n) > 0).map((r) => ({ label: usages[Number(r.i)]!.label, count: Number(r.n) }));
}

/** Deletes a row (right `delete`); refused with IN_USE, naming what uses it, while anything references it. */
export async function deleteCatalogRow(db: DbOrTx, actor: Actor, name: CatalogName, id: number): Promise<boolean> {
  const def = CATALOGS[name];
  assertRight(actor, def, 'delete');
  try {
    return await db.transaction(async (tx) => {
      const current = await findRow(tx, def, id);
      if (!current) throw notFound(def.entity);
      if (!(await findVisibleRow(tx, def, actor, id))) throw forbidden(`xóa ${def.entity} này`);
      assertRight(actor, def, 'delete', [await branchOf(tx, def, current, id)]);
      const used = await findUsages(tx, name, id);
      if (used.length > 0) {
        const what = used.map((u) => `${u.count.toLocaleString('vi-VN')} ${u.label}`).join(', ');
        throw new AppError(
          'IN_USE',
          `Không thể xóa ${def.entity} «${String(current.code)}» vì đang được sử dụng bởi ${what}.`,
        );
      }
      await tx.delete(def.table).where(eq(idColumn(def), id));
      return true;
    });
  } catch (error) {
    translateDbError(def, error, {});
  }
}

// ---------------------------------------------------------------- columns and export

export interface CatalogColumnInfo {
  name: string;
  label: string;
  kind: CatalogDef['columns'][number]['kind'];
  ref: CatalogName | null;
  required: boolean;
  nullable: boolean;
  readOnly: boolean;
  options: { value: string; label: string }[];
}

/** What a generic catalog screen needs to render a catalog's grid, filter bar and form. */
export function catalogColumns(name: CatalogName): CatalogColumnInfo[] {
  return CATALOGS[name].columns.map((c) => ({
    name: c.name,
    label: c.label,
    kind: c.kind,
    ref: c.ref ?? null,
    required: c.required ?? false,
    nullable: c.nullable ?? false,
    readOnly: c.readOnly ?? false,
    options: (c.options ?? []).map((o) => ({ value: String(o.value), label: o.label })),
  }));
}

export interface CatalogSheet {
  title: string;
  columns: { key: string; label: string }[];
  rows: Record<string, string | number | null>[];
}

/**
 * A catalog ready for an Excel sheet (right `export`): the same filters and search as the screen, every
 * matching row, coded values shown by their Vietnamese label.
 */
export async function catalogToSheet(
  db: DbOrTx,
  actor: Actor,
  name: CatalogName,
  filters: readonly ColumnFilter[] | Omit<CatalogListInput, 'offset' | 'limit'> = [],
): Promise<CatalogSheet> {
  const def = CATALOGS[name];
  assertRight(actor, def, 'export');
  const input: CatalogListInput = Array.isArray(filters)
    ? { filters: filters as readonly ColumnFilter[] }
    : (filters as CatalogListInput);
  const rows = await selectRows(
    db,
    def,
    whereClause(def, actor, input),
    orderClause(def, input.orderBy),
    0,
    MAX_EXPORT_ROWS + 1,
  );
  if (rows.length > MAX_EXPORT_ROWS)
    throw new AppError(
      'TOO_MANY_ROWS',
      `Có hơn ${MAX_EXPORT_ROWS.toLocaleString('vi-VN')} dòng; hãy lọc bớt trước khi xuất.`,
    );
  const columns = def.columns.filter((c) => !c.hideInExport);
  return {
    title: def.label,
    columns: columns.map((c) => ({ key: c.name, label: c.label })),
    rows: rows.map((row) => {
      const out: Record<string, string | number | null> = {};
      for (const c of columns) {
        const v = row[c.name];
        const option = c.options?.find((o) => o.value === v);
        out[c.name] = option
          ? option.label
          : v === null || v === undefined
            ? null
            : typeof v === 'number'
              ? v
              : String(v);
      }
      return out;
    }),
  };
}

/** Alias of `catalogToSheet` under the use-case name. */
