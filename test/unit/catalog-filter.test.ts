import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import {
  buildCondition,
  buildFilters,
  buildSearch,
  castFilterValue,
  escapeLike,
  foldText,
  type ColumnFilter,
  type FilterableColumn,
} from '@/services/catalogs/filter';
import { AppError } from '@/services/errors';

const dialect = new PgDialect();
const render = (s: ReturnType<typeof sql> | undefined) => (s ? dialect.sqlToQuery(s) : undefined);

const columns: Record<string, FilterableColumn> = {
  code: { expr: sql.identifier('code'), kind: 'string', label: 'Mã' },
  days: { expr: sql.identifier('days'), kind: 'int', label: 'Số ngày' },
  installedOn: { expr: sql.identifier('installed_on'), kind: 'date', label: 'Ngày lắp đặt' },
  wardId: { expr: sql.identifier('ward_id'), kind: 'ref', label: 'Phường – xã' },
};

const cond = (f: ColumnFilter) => render(buildCondition(columns, f))!;

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return undefined;
}

describe('foldText', () => {
  it('removes Vietnamese diacritics and case, whatever the Unicode form', () => {
    expect(foldText('Phường Bến Nghé')).toBe('phuong ben nghe');
    expect(foldText('ĐÀ NẴNG')).toBe('da nang');
    expect(foldText('Thủ Đức'.normalize('NFD'))).toBe('thu duc');
    expect(foldText('ỹỸữỮợỢ')).toBe('yyuuoo');
  });
});

describe('castFilterValue', () => {
  it('casts by column kind', () => {
    expect(castFilterValue('int', ' 42 ', 'Số ngày')).toBe(42);
    expect(castFilterValue('ref', '7', 'Phường – xã')).toBe(7);
    expect(castFilterValue('string', '  P01 ', 'Mã')).toBe('P01');
    expect(castFilterValue('date', '2026-03-01', 'Ngày')).toBe('2026-03-01');
    expect(castFilterValue('date', '1/3/2026', 'Ngày')).toBe('2026-03-01');
    expect(castFilterValue('int', null, 'Số ngày')).toBeNull();
  });

  it('refuses values that do not fit the kind, with a Vietnamese message naming the column', () => {
    expect(codeOf(() => castFilterValue('int', '4.5', 'Số ngày'))).toBe('INVALID_FILTER');
    expect(codeOf(() => castFilterValue('int', 'abc', 'Số ngày'))).toBe('INVALID_FILTER');
    expect(codeOf(() => castFilterValue('date', '31/02/2026', 'Ngày lắp đặt'))).toBe('INVALID_FILTER');
    expect(codeOf(() => castFilterValue('date', '2026-13-01', 'Ngày lắp đặt'))).toBe('INVALID_FILTER');
    // Year 0 would reach PostgreSQL and fail there as an internal error.
    expect(codeOf(() => castFilterValue('date', '0000-01-01', 'Ngày lắp đặt'))).toBe('INVALID_FILTER');
    expect(codeOf(() => castFilterValue('date', '01/01/0000', 'Ngày lắp đặt'))).toBe('INVALID_FILTER');
    expect(() => castFilterValue('int', 'x', 'Số ngày')).toThrow(/Số ngày.*số nguyên/);
  });
});

describe('buildCondition', () => {
  it('builds each operator with parameters, never inlined values', () => {
    expect(cond({ column: 'code', op: 'eq', value: "P'01" })).toEqual({ sql: '"code" = $1::text', params: ["P'01"] });
    expect(cond({ column: 'days', op: 'ne', value: '5' })).toEqual({
      sql: '"days" is distinct from $1::bigint',
      params: [5],
    });
    expect(cond({ column: 'days', op: 'lt', value: '5' }).sql).toBe('"days" < $1::bigint');
    expect(cond({ column: 'days', op: 'lte', value: '5' }).sql).toBe('"days" <= $1::bigint');
    expect(cond({ column: 'days', op: 'gt', value: '5' }).sql).toBe('"days" > $1::bigint');
    expect(cond({ column: 'days', op: 'gte', value: '5' }).sql).toBe('"days" >= $1::bigint');
    expect(cond({ column: 'installedOn', op: 'between', value: '01/01/2026', value2: '2026-12-31' })).toEqual({
      sql: '"installed_on" between $1::date and $2::date',
      params: ['2026-01-01', '2026-12-31'],
    });
    expect(cond({ column: 'wardId', op: 'eq', value: '3' }).params).toEqual([3]);
  });

  it('treats an empty value of eq / ne as "is empty" / "is not empty"', () => {
    expect(cond({ column: 'wardId', op: 'eq', value: null }).sql).toBe('"ward_id" is null');
    expect(cond({ column: 'wardId', op: 'ne' }).sql).toBe('"ward_id" is not null');
  });

  it('folds accents and case for contains and startsWith, and escapes LIKE wildcards', () => {
    const c = cond({ column: 'code', op: 'contains', value: 'Bến_50%' });
    expect(c.sql).toMatch(/^lower\(translate\(coalesce\("code"::text, ''\), \$1, \$2\)\) like \$3$/);
    expect(c.params[2]).toBe('%ben\\_50\\%%');
    expect(cond({ column: 'code', op: 'startsWith', value: 'Đ' }).params[2]).toBe('d%');
    expect(escapeLike('a\\b')).toBe('a\\\\b');
  });

  it('refuses columns outside the whitelist, missing values and unknown operators', () => {
    expect(codeOf(() => buildCondition(columns, { column: 'password_hash', op: 'eq', value: 'x' }))).toBe(
      'INVALID_FILTER',
    );
    expect(codeOf(() => buildCondition(columns, { column: 'toString', op: 'eq', value: 'x' }))).toBe('INVALID_FILTER');
    expect(codeOf(() => buildCondition(columns, { column: 'days', op: 'between', value: '1' }))).toBe('INVALID_FILTER');
    expect(codeOf(() => buildCondition(columns, { column: 'days', op: 'gt', value: null }))).toBe('INVALID_FILTER');
    expect(codeOf(() => buildCondition(columns, { column: 'code', op: 'contains', value: '' }))).toBe('INVALID_FILTER');
    expect(codeOf(() => buildCondition(columns, { column: 'code', op: 'like' as never, value: 'x' }))).toBe(
      'INVALID_FILTER',
    );
  });
});

describe('buildFilters and buildSearch', () => {
  it('joins conditions with AND and returns undefined when there is none', () => {
    expect(buildFilters(columns, [])).toBeUndefined();
    const q = render(
      buildFilters(columns, [
        { column: 'days', op: 'gte', value: '1' },
        { column: 'code', op: 'eq', value: 'A' },
      ]),
    )!;
    expect(q.sql).toBe('(("days" >= $1::bigint) and ("code" = $2::text))');
    expect(
      codeOf(() =>
        buildFilters(
          columns,
          Array.from({ length: 21 }, () => ({ column: 'days', op: 'eq' as const, value: '1' })),
        ),
      ),
    ).toBe('INVALID_FILTER');
  });

  it('searches every text column, accent- and case-insensitively', () => {
    expect(buildSearch([sql.identifier('name')], '   ')).toBeUndefined();
    const q = render(buildSearch([sql.identifier('name'), sql.identifier('district')], ' Thủ ĐỨC '))!;
    expect(q.sql.match(/like/g)).toHaveLength(2);
    expect(q.sql).toContain(' or ');
    expect(q.params).toContain('%thu duc%');
  });
});
