/**
 * Opaque page cursors: the sort key of the last row a page returned, as base64url JSON. A cursor comes back from
 * the client, so it is parsed against the list's own schema and refused (VALIDATION_FAILED) when it does not fit,
 * never trusted into SQL.
 */
import type { z } from 'zod';
import { AppError } from '@/services/errors';

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<T>(schema: z.ZodType<T>, cursor: string): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  } catch {
    parsed = undefined;
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw new AppError('VALIDATION_FAILED', 'Con trỏ trang không hợp lệ.', { field: 'after' });
  return result.data;
}

/** Splits the `first + 1` rows a keyset query fetched into the page and its PageInfo. */
export function pageOf<R>(rows: R[], first: number, keyOf: (row: R) => unknown): { rows: R[]; pageInfo: PageInfo } {
  const hasNextPage = rows.length > first;
  const page = hasNextPage ? rows.slice(0, first) : rows;
  const last = page.at(-1);
  return { rows: page, pageInfo: { hasNextPage, endCursor: last === undefined ? null : encodeCursor(keyOf(last)) } };
}
