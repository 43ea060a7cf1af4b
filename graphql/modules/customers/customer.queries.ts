import { builder } from '@/graphql/builder';
import { signedIn } from '@/graphql/signed-in';
import { booksWithRight } from '@/services/auth/actor';
import { notFound } from '@/services/errors';
import { listLimit } from '@/graphql/limits/list-limit';
import { listBookCustomers, searchCustomers } from '@/services/customers/book.service';
import type { CustomerRow } from '@/services/customers/customer.service';
import { DETAIL_NAMES } from './customer-listing';
import { CustomerPageType, CustomerType } from './customer.type';

// The book grid loads a whole book at once; search answers a dropdown.
const BOOK_CUSTOMERS_LIMIT = listLimit({ default: 5000, max: 5000 });
const SEARCH_LIMIT = listLimit({ default: 50, max: 200 });

builder.queryFields((t) => ({
  customer: t.withAuth({ permission: { group: 'document', object: 'customers', right: 'access' } }).drizzleField({
    type: 'customers',
    nullable: true,
    args: { id: t.arg.int({ required: true }) },
    // A customer of a book the viewer lacks answers exactly like a missing one (NOT_FOUND), so ids reveal nothing.
    resolve: async (query, _root, args, ctx) => {
      const books = booksWithRight(ctx.actor, 'customers', 'access');
      if (books !== null && books.length === 0) throw notFound('khách hàng');
      const row = await ctx.db.query.customers.findFirst(
        query({ where: books === null ? { id: args.id } : { id: args.id, bookId: { in: books } }, with: DETAIL_NAMES }),
      );
      if (!row) throw notFound('khách hàng');
      return row;
    },
  }),
  bookCustomers: t.field({
    type: CustomerPageType,
    description: 'Customers of one book in sequence order (up to 5,000 a page).',
    extensions: BOOK_CUSTOMERS_LIMIT.extensions,
    args: {
      bookId: t.arg.int({ required: true }),
      search: t.arg.string(),
      offset: t.arg.int(),
      limit: t.arg.int(BOOK_CUSTOMERS_LIMIT.arg),
    },
    authScopes: (_root, args) => ({ book: { bookId: args.bookId, object: 'customers', right: 'access' } }),
    resolve: (_root, args, ctx) =>
      listBookCustomers(ctx.db, signedIn(ctx), {
        bookId: args.bookId,
        search: args.search,
        offset: args.offset ?? 0,
        limit: args.limit ?? BOOK_CUSTOMERS_LIMIT.spec.default,
      }),
  }),
  searchCustomers: t.withAuth({ permission: { group: 'document', object: 'customers', right: 'access' } }).field({
    type: [CustomerType],
    description: 'Search by code, name, phone, address or meter serial across the books the viewer may read.',
    extensions: SEARCH_LIMIT.extensions,
    args: { query: t.arg.string({ required: true }), currentBookId: t.arg.int(), limit: t.arg.int(SEARCH_LIMIT.arg) },
    // A hit is a listed row standing for the customer (see CustomerType); it also carries `inCurrentBook`.
    resolve: async (_root, args, ctx) =>
      (await searchCustomers(ctx.db, ctx.actor, {
        query: args.query,
        currentBookId: args.currentBookId,
        limit: args.limit ?? SEARCH_LIMIT.spec.default,
      })) as unknown as CustomerRow[],
  }),
}));
