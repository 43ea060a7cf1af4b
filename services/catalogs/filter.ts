import { and, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { isCalendarDate } from '@/domain/time/calendar';
import { AppError } from '@/services/errors';

export const FILTER_OPS = ['eq', 'ne', 'contains', 'startsWith', 'lt', 'lte', 'gt', 'gte', 'between'] as const;
type FilterOp = (typeof FILTER_OPS)[number];

export const COLUMN_KINDS = ['string', 'int', 'date', 'ref'] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

/** One condition of a catalog screen's filter bar: column, comparison operator, value (and a second value for `between`). */
export interface ColumnFilter {
  column: string;
  op: FilterOp;
  value?: string | number | null | undefined;
  value2?: string | number | null | undefined;
}

/** A filterable column: the SQL it reads (a table column or a computed expression) and how values are cast. */
export interface FilterableColumn {
  expr: SQLWrapper;
  kind: ColumnKind;
  label: string;
}

export const MAX_FILTERS = 20;

// Every precomposed Vietnamese letter with a diacritic, and its bare ASCII letter at the same position.
// SQL `translate()` and `foldText` share this table so the database and the application fold identically
// (PGlite has no `unaccent`, and `lower()` under the C locale leaves non-ASCII letters alone).
const VIET_FROM =
  'àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ' +
  'ÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÈÉẸẺẼÊỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠÙÚỤỦŨƯỪỨỰỬỮỲÝỴỶỸĐ';
const VIET_TO =
  'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd' +
  'AAAAAAAAAAAAAAAAAEEEEEEEEEEEIIIIIOOOOOOOOOOOOOOOOOUUUUUUUUUUUYYYYYD';
const FOLD_MAP = new Map([...VIET_FROM].map((ch, i) => [ch, [...VIET_TO][i]!]));

/** Lower-case, diacritic-free form of a text, matching `foldSql` in the database. */
export function foldText(value: string): string {
  let out = '';
  for (const ch of value.normalize('NFC')) out += FOLD_MAP.get(ch) ?? ch;
  return out.toLowerCase();
}

/** The SQL counterpart of `foldText`: accents removed by `translate`, then ASCII lower-cased. */
export function foldSql(expr: SQLWrapper): SQL {
  return sql`lower(translate(coalesce(${expr}::text, ''), ${VIET_FROM}, ${VIET_TO}))`;
}

/** Escapes LIKE wildcards so a user's `%` or `_` matches literally. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const invalid = (message: string) => new AppError('INVALID_FILTER', message, { field: 'filters' });

/**
 * Casts a filter value typed in the UI to the column's kind: integers for `int` and `ref`, ISO dates for `date`
 * (also accepting the Vietnamese `dd/mm/yyyy`), trimmed text otherwise. `null` stays null (meaning "empty").
 */
export function castFilterValue(
  kind: ColumnKind,
  raw: string | number | null | undefined,
  label: string,
): string | number | null {
  if (raw === null || raw === undefined) return null;
  const text = String(raw).trim();
  switch (kind) {
    case 'string':
      return text;
    case 'int':
    case 'ref': {
      if (!/^-?\d{1,15}$/.test(text)) throw invalid(`Giá trị «${text}» của cột «${label}» phải là số nguyên.`);
      return Number(text);
    }
    case 'date': {
      const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
      const iso = vn ? `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}` : text;
      // Date.UTC reads years 0–99 as 1900–1999, and PostgreSQL refuses year 0: check the calendar ourselves.
      if (!isCalendarDate(iso))
        throw invalid(`Giá trị «${text}» của cột «${label}» không phải là ngày hợp lệ (dd/mm/yyyy).`);
      return iso;
    }
  }
}

function typed(kind: ColumnKind, value: string | number): SQL {
  if (kind === 'int' || kind === 'ref') return sql`${value}::bigint`;
  if (kind === 'date') return sql`${value}::date`;
  return sql`${value}::text`;
}

/** One condition. Unknown columns are refused: only the whitelisted columns of the catalog can be filtered. */
export function buildCondition(columns: Readonly<Record<string, FilterableColumn>>, filter: ColumnFilter): SQL {
  const column = Object.hasOwn(columns, filter.column) ? columns[filter.column] : undefined;
  if (!column) throw invalid(`Không thể lọc theo cột «${filter.column}».`);
  if (!(FILTER_OPS as readonly string[]).includes(filter.op))
    throw invalid(`Phép so sánh «${String(filter.op)}» không hợp lệ.`);
  const { expr, kind, label } = column;
  const value = castFilterValue(kind, filter.value, label);

  if (filter.op === 'contains' || filter.op === 'startsWith') {
    if (value === null || value === '') throw invalid(`Cần nhập giá trị để lọc cột «${label}».`);
    const folded = escapeLike(foldText(String(value)));
    const pattern = filter.op === 'contains' ? `%${folded}%` : `${folded}%`;
    return sql`${foldSql(expr)} like ${pattern}`;
  }
  if (filter.op === 'eq') return value === null ? sql`${expr} is null` : sql`${expr} = ${typed(kind, value)}`;
  // "khác" keeps the rows where the column is empty, as a user reading the screen expects.
  if (filter.op === 'ne')
    return value === null ? sql`${expr} is not null` : sql`${expr} is distinct from ${typed(kind, value)}`;

  if (value === null) throw invalid(`Cần nhập giá trị để lọc cột «${label}».`);
  switch (filter.op) {
    case 'lt':
      return sql`${expr} < ${typed(kind, value)}`;
    case 'lte':
      return sql`${expr} <= ${typed(kind, value)}`;
    case 'gt':
      return sql`${expr} > ${typed(kind, value)}`;
    case 'gte':
      return sql`${expr} >= ${typed(kind, value)}`;
    case 'between': {
      const value2 = castFilterValue(kind, filter.value2, label);
      if (value2 === null) throw invalid(`Cần nhập giá trị thứ hai («đến») để lọc cột «${label}».`);
      return sql`${expr} between ${typed(kind, value)} and ${typed(kind, value2)}`;
    }
  }
}

/** All conditions joined with AND; `undefined` when there is none. */
export function buildFilters(
  columns: Readonly<Record<string, FilterableColumn>>,
  filters: readonly ColumnFilter[] = [],
): SQL | undefined {
  if (filters.length > MAX_FILTERS) throw invalid(`Chỉ được lọc tối đa ${MAX_FILTERS} điều kiện.`);
  if (filters.length === 0) return undefined;
  return and(...filters.map((f) => buildCondition(columns, f)));
}

/** Case- and accent-insensitive "contains" over the text columns; `undefined` for an empty search. */
export function buildSearch(textColumns: readonly SQLWrapper[], search: string | null | undefined): SQL | undefined {
  const folded = foldText(search?.trim() ?? '');
  if (!folded || textColumns.length === 0) return undefined;
  const pattern = `%${escapeLike(folded)}%`;
  return sql`(${sql.join(
    textColumns.map((c) => sql`${foldSql(c)} like ${pattern}`),
    sql` or `,
  )})`;
}
