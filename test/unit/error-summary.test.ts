import { describe, expect, it } from 'vitest';
import { safeErrorSummary, storableErrorMessage } from '@/services/error-summary';

class FakeQueryError extends Error {
  constructor(
    readonly query: string,
    readonly params: unknown[],
    override readonly cause: unknown,
  ) {
    super(`Failed query: ${query}\nparams: ${params.join(',')}`);
    this.name = 'DrizzleQueryError';
  }
}

describe('safeErrorSummary', () => {
  it('keeps the class, SQLSTATE, table, constraint and statement text, never the values', () => {
    const pg = Object.assign(new Error('duplicate key value violates unique constraint "customers_citizen_id"'), {
      name: 'PostgresError',
      code: '23505',
      detail: 'Key (citizen_id)=(079123456789) already exists.',
      table_name: 'customers',
      constraint_name: 'customers_citizen_id',
      query: 'insert into customers (name, citizen_id) values ($1, $2)',
      parameters: ['Đỗ Bí Mật', '079123456789'],
    });
    const err = new FakeQueryError(
      'insert into customers (name, citizen_id) values ($1, $2)',
      ['Đỗ Bí Mật', '079123456789'],
      pg,
    );
    const line = safeErrorSummary(err);
    expect(line).toContain('DrizzleQueryError');
    expect(line).toContain('query: insert into customers (name, citizen_id) values ($1, $2)');
    expect(line).toContain('code=23505 table=customers constraint=customers_citizen_id');
    expect(line).toContain('    at ');
    expect(line).not.toContain('079123456789');
    expect(line).not.toContain('Bí Mật');
    expect(line).not.toContain('duplicate key value');
  });

  it('keeps the message of errors that carry no database values', () => {
    expect(safeErrorSummary(new TypeError('x is not a function'), { frames: false })).toBe(
      'TypeError: x is not a function',
    );
    expect(safeErrorSummary('boom')).toBe('non-error thrown (string)');
  });
});

describe('storableErrorMessage', () => {
  it("keeps a plain failure's message and replaces a database error's by its SQLSTATE", () => {
    expect(storableErrorMessage(new Error('mất điện'))).toBe('mất điện');
    const pg = Object.assign(new Error('value too long for type character varying(20): "Đỗ Bí Mật"'), {
      code: '22001',
    });
    expect(storableErrorMessage(new FakeQueryError('update customers set name = $1', ['Đỗ Bí Mật'], pg))).toBe(
      'Lỗi cơ sở dữ liệu (mã 22001).',
    );
    expect(storableErrorMessage(pg)).toBe('Lỗi cơ sở dữ liệu (mã 22001).');
  });
});
