import { batchResolver } from '@/graphql/batch';
import type { GraphQLContext } from '@/graphql/context';
import type { CustomerRow } from '@/services/customers/customer.service';
import { notFound } from '@/services/errors';
import { bookRowsByIds, customersByIds, type BookCustomerRow, type SearchHit } from '@/services/customers/book.service';

/**
 * One `Customer` type answers three paths that load different rows: the book grid and the search read a flat
 * row with hand-written SQL (the measured hot path, bench/book.ts), the detail and the mutations a Drizzle row.
 * These helpers let a field read what its row carries and load, batched per request, only what it lacks.
 */

/** A row the book grid or the search loaded: it carries the grid's computed columns. */
const isListed = (c: object): c is BookCustomerRow => 'meterSerial' in c;

/** A search hit: it also knows whether it is in the book the screen has open. */
export const isSearchHit = (c: object): c is SearchHit => 'inCurrentBook' in c;

/** The grid's computed columns of customers loaded alone (the detail, a mutation's answer): one statement for all. */
const listingOf = batchResolver<GraphQLContext, number, BookCustomerRow | null>(
  (ctx, ids) => bookRowsByIds(ctx.db, ids),
  () => null,
);

/** The whole row of customers a list loaded, for the columns the list does not read: one statement for all. */
const wholeRowOf = batchResolver<GraphQLContext, number, CustomerRow | null>(
  (ctx, ids) => customersByIds(ctx.db, ids),
  () => null,
);

/**
 * The names the detail query joins in its own statement (`with` of the `customer` field), so the detail file
 * costs no extra statement for its book code, ward and service type.
 */
export const DETAIL_NAMES = {
  book: { columns: { code: true } },
  ward: { columns: { name: true } },
  serviceType: { columns: { code: true, name: true } },
} as const;

type WithNames = {
  book: { code: string };
  ward: { name: string } | null;
  serviceType: { code: string; name: string } | null;
};

const hasNames = (c: object): c is WithNames => 'book' in c && 'ward' in c && 'serviceType' in c;

const fromNames: Partial<{ [K in keyof BookCustomerRow]: (c: WithNames) => BookCustomerRow[K] }> = {
  bookCode: (c) => c.book.code,
  wardName: (c) => c.ward?.name ?? null,
  serviceTypeCode: (c) => c.serviceType?.code ?? null,
  serviceTypeName: (c) => c.serviceType?.name ?? null,
};

/**
 * A computed column of the grid: from the listed row, from the names the detail joined, or loaded (batched) for
 * a customer loaded alone (a mutation's answer, the detail's meter serial).
 */
export function listed<K extends keyof BookCustomerRow>(key: K) {
  const named = fromNames[key];
  return (
    c: CustomerRow | BookCustomerRow,
    _args: unknown,
    ctx: GraphQLContext,
  ): BookCustomerRow[K] | Promise<BookCustomerRow[K]> => {
    if (isListed(c)) return c[key];
    if (named && hasNames(c)) return named(c);
    return listingOf(ctx, c.id).then((row) => {
      // The customer was just loaded, so a missing row means it was deleted in between.
      if (!row) throw notFound('khách hàng');
      return row[key];
    });
  };
}

/** A column of the customer the lists do not read: from the row when it has it, or loaded for the listed rows. */
export function column<K extends keyof CustomerRow>(key: K) {
  return (c: CustomerRow | BookCustomerRow, _args: unknown, ctx: GraphQLContext) =>
    key in c
      ? (c as CustomerRow)[key]
      : wholeRowOf(ctx, c.id).then((row) => {
          // The list just read this customer, so a missing row means it was deleted in between.
          if (!row) throw notFound('khách hàng');
          return row[key];
        });
}
